def numbers(n):
    for i in range(n):
        yield i


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def run():
    return sum(x * x for x in evens(numbers(20000)))
