class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y


def run():
    acc = Vec(0, 0)
    for i in range(5000):
        acc = acc.add(Vec(i, -i))
    return acc.norm2()
