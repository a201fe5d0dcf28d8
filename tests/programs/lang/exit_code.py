# Prints some output to stdout and stderr, runs finally blocks and atexit
# handlers, then exits with sys.exit(3).
import atexit
import sys

def goodbye(name):
    print('atexit handler for', name)

atexit.register(goodbye, 'main')

def work():
    total = 0
    for i in range(5):
        total += i * i
    print('total', total)
    return total

def main():
    try:
        result = work()
        print('result', result, file=sys.stderr)
        if result > 10:
            sys.exit(3)
        print('not reached')
    finally:
        print('finally before exit')

try:
    main()
except SystemExit as e:
    print('SystemExit seen with code', e.code)
    raise
print('never printed')
