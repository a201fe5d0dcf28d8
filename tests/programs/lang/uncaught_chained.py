# Ends with an uncaught exception that has both an explicit cause
# ("The above exception was the direct cause ...") and an implicit context
# ("During handling of the above exception, another exception occurred").

class ConfigError(Exception):
    pass

def parse_port(text):
    return int(text)

def load_config(raw):
    try:
        port = parse_port(raw['port'])
    except ValueError as exc:
        raise ConfigError('bad port value: %r' % raw['port']) from exc
    return port

def start(raw):
    try:
        return load_config(raw)
    except ConfigError:
        cleanup = {'state': 'failed'}
        print('cleanup state', cleanup['state'])
        return cleanup['missing_key']

print('port ok:', load_config({'port': '8080'}))
print('starting server')
start({'port': 'eighty'})
