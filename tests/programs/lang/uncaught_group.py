# Ends with an uncaught ExceptionGroup (partially handled by except*),
# so the nested-group traceback rendering is compared.

def validate(item):
    if not isinstance(item, int):
        raise TypeError('not an int: %r' % (item,))
    if item < 0:
        raise ValueError('negative: %d' % item)
    return item

def validate_all(items):
    errors = []
    for item in items:
        try:
            validate(item)
        except (TypeError, ValueError) as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup('validation failed', errors)

try:
    validate_all([1, -2, 'x', -4])
except* TypeError as group:
    print('handled type errors:', [str(e) for e in group.exceptions])
