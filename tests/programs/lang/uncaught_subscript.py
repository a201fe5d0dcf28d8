# Ends with an uncaught IndexError from a subscript inside a larger expression,
# reached through a method, a lambda and a comprehension.

class Inventory:
    def __init__(self, items):
        self.items = items

    def describe(self, idx):
        label = self.items[idx]['name'].upper() + '!'
        return label

def describe_all(inv, indices):
    return [inv.describe(i) for i in indices]

runner = lambda inv: describe_all(inv, [0, 1, 5])

inv = Inventory([{'name': 'apple'}, {'name': 'pear'}])
print(inv.describe(0))
print(runner(inv))
