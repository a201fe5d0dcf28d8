"""A text adventure: rooms, items, an enum-driven state machine for the player,
a command parser and a scripted list of commands."""
import enum
import shlex
import textwrap
from dataclasses import dataclass, field


class Direction(enum.Enum):
    NORTH = "n"
    SOUTH = "s"
    EAST = "e"
    WEST = "w"
    UP = "u"
    DOWN = "d"

    @property
    def opposite(self):
        return {Direction.NORTH: Direction.SOUTH, Direction.SOUTH: Direction.NORTH,
                Direction.EAST: Direction.WEST, Direction.WEST: Direction.EAST,
                Direction.UP: Direction.DOWN, Direction.DOWN: Direction.UP}[self]

    @classmethod
    def parse(cls, word):
        word = word.lower()
        for d in cls:
            if word in (d.value, d.name.lower()):
                return d
        raise ValueError(f"{word!r} is not a direction")


class State(enum.Enum):
    EXPLORING = enum.auto()
    IN_COMBAT = enum.auto()
    DEAD = enum.auto()
    WON = enum.auto()


class Flag(enum.Flag):
    NONE = 0
    LIT = enum.auto()
    LOCKED = enum.auto()
    DARK = enum.auto()
    VISITED = enum.auto()


class Weight(enum.IntEnum):
    LIGHT = 1
    MEDIUM = 3
    HEAVY = 8


@dataclass
class Item:
    name: str
    description: str
    weight: Weight = Weight.LIGHT
    damage: int = 0
    portable: bool = True

    def __str__(self):
        return self.name


@dataclass
class Monster:
    name: str
    hp: int
    attack: int
    drops: list = field(default_factory=list)


@dataclass(eq=False)
class Room:
    key: str
    title: str
    description: str
    flags: Flag = Flag.NONE
    items: list = field(default_factory=list)
    exits: dict = field(default_factory=dict)
    monster: Monster = None

    def connect(self, direction, other, locked=False):
        self.exits[direction] = other
        other.exits[direction.opposite] = self
        if locked:
            self.flags |= Flag.LOCKED


class GameOver(Exception):
    pass


class Game:
    MAX_CARRY = 10

    def __init__(self, rng_rolls):
        self.rolls = list(rng_rolls)
        self.state = State.EXPLORING
        self.hp = 20
        self.inventory = []
        self.turns = 0
        self.score = 0
        self.transcript = []
        self.rooms = self._build_world()
        self.here = self.rooms["hall"]
        self.here.flags |= Flag.VISITED

    def _build_world(self):
        hall = Room("hall", "Great Hall", "A draughty hall with a high ceiling.", Flag.LIT,
                    [Item("lamp", "A brass oil lamp."), Item("bench", "A heavy oak bench.",
                                                            Weight.HEAVY, portable=False)])
        kitchen = Room("kitchen", "Kitchen", "Pots hang from hooks. Something smells off.",
                       Flag.LIT, [Item("knife", "A sharp kitchen knife.", damage=4),
                                  Item("bread", "Stale bread.")])
        cellar = Room("cellar", "Cellar", "Damp stone walls glisten.", Flag.DARK,
                      [Item("key", "A small iron key.")],
                      monster=Monster("rat king", 9, 3, [Item("crown", "A tiny crown.")]))
        tower = Room("tower", "Tower Top", "Wind howls around the parapet.", Flag.LIT,
                     [Item("chest", "A treasure chest!", Weight.HEAVY, portable=False)])
        armory = Room("armory", "Armory", "Racks of rusty weapons.", Flag.LIT,
                      [Item("sword", "A notched sword.", Weight.MEDIUM, damage=7),
                       Item("shield", "A dented shield.", Weight.MEDIUM)])
        hall.connect(Direction.EAST, kitchen)
        kitchen.connect(Direction.DOWN, cellar)
        hall.connect(Direction.UP, tower, locked=True)
        hall.connect(Direction.WEST, armory)
        return {r.key: r for r in (hall, kitchen, cellar, tower, armory)}

    def say(self, text):
        for line in textwrap.wrap(text, width=60) or [""]:
            self.transcript.append(line)

    def roll(self):
        v = self.rolls.pop(0)
        self.rolls.append(v)
        return v

    def find(self, name, where):
        for it in where:
            if it.name == name:
                return it
        return None

    def can_see(self):
        return not (Flag.DARK in self.here.flags) or self.find("lamp", self.inventory)

    # ------------------------------------------------------------ commands
    def do_look(self, *args):
        if not self.can_see():
            self.say("It is pitch black. You might be eaten by something.")
            return
        r = self.here
        self.say(f"== {r.title} ==")
        self.say(r.description)
        if r.items:
            self.say("You see: " + ", ".join(map(str, r.items)) + ".")
        if r.monster:
            self.say(f"A {r.monster.name} (hp {r.monster.hp}) blocks your way!")
        exits = sorted(d.name.lower() for d in r.exits)
        self.say("Exits: " + " ".join(exits))

    def do_go(self, word=None, *rest):
        if word is None:
            raise ValueError("go where?")
        d = Direction.parse(word)
        if self.state is State.IN_COMBAT:
            self.say("You can't flee! The monster bites you as you turn.")
            self.take_hit()
            return
        if d not in self.here.exits:
            self.say("You can't go that way.")
            return
        target = self.here.exits[d]
        if d is Direction.UP and Flag.LOCKED in self.here.flags:
            if self.find("key", self.inventory):
                self.here.flags &= ~Flag.LOCKED
                self.say("You unlock the trapdoor with the iron key.")
            else:
                self.say("The trapdoor above is locked.")
                return
        self.here = target
        first = Flag.VISITED not in target.flags
        target.flags |= Flag.VISITED
        if first:
            self.score += 5
        self.do_look()
        if target.monster and self.can_see():
            self.state = State.IN_COMBAT

    def do_take(self, name=None, *rest):
        if name == "all":
            for it in list(self.here.items):
                if it.portable:
                    self.do_take(it.name)
            return
        if not self.can_see():
            self.say("You fumble around in the dark.")
            return
        it = self.find(name, self.here.items)
        if it is None:
            self.say(f"There is no {name} here.")
        elif not it.portable:
            self.say(f"The {name} is too heavy to move.")
        elif sum(i.weight for i in self.inventory) + it.weight > self.MAX_CARRY:
            self.say(f"You are carrying too much to take the {name}.")
        else:
            self.here.items.remove(it)
            self.inventory.append(it)
            self.say(f"Taken: {name}.")

    def do_drop(self, name=None, *rest):
        it = self.find(name, self.inventory)
        if it is None:
            self.say(f"You don't have a {name}.")
            return
        self.inventory.remove(it)
        self.here.items.append(it)
        self.say(f"Dropped: {name}.")

    def do_inventory(self, *args):
        if not self.inventory:
            self.say("You are empty-handed.")
            return
        total = sum(i.weight for i in self.inventory)
        names = ", ".join(f"{i.name} ({i.weight.name.lower()})" for i in self.inventory)
        self.say(f"You carry: {names}. Load {total}/{self.MAX_CARRY}.")

    def do_attack(self, *args):
        m = self.here.monster
        if m is None:
            self.say("There is nothing to attack.")
            return
        weapon = max(self.inventory, key=lambda i: i.damage, default=None)
        dmg = (weapon.damage if weapon else 1) + self.roll()
        m.hp -= dmg
        self.say(f"You hit the {m.name} with {'the ' + weapon.name if weapon else 'your fists'}"
                 f" for {dmg}.")
        if m.hp <= 0:
            self.say(f"The {m.name} dies.")
            self.here.items.extend(m.drops)
            self.here.monster = None
            self.state = State.EXPLORING
            self.score += 20
        else:
            self.take_hit()

    def take_hit(self):
        m = self.here.monster
        dmg = m.attack + self.roll() // 2
        if self.find("shield", self.inventory):
            dmg = max(0, dmg - 2)
        self.hp -= dmg
        self.say(f"The {m.name} hits you for {dmg}. (hp {self.hp})")
        if self.hp <= 0:
            self.state = State.DEAD
            raise GameOver("You have died.")

    def do_eat(self, name=None, *rest):
        it = self.find(name, self.inventory)
        if it is None or it.name != "bread":
            self.say("You can't eat that.")
            return
        self.inventory.remove(it)
        self.hp = min(20, self.hp + 6)
        self.say(f"Crunchy. (hp {self.hp})")

    def do_open(self, name=None, *rest):
        if name == "chest" and self.find("chest", self.here.items):
            if self.find("crown", self.inventory):
                self.say("The crown fits the lock. The chest opens: gold!")
                self.score += 50
                self.state = State.WON
                raise GameOver("You win!")
            self.say("The chest has a crown-shaped lock.")
        else:
            self.say("You can't open that.")

    ALIASES = {"l": "look", "i": "inventory", "inv": "inventory", "get": "take",
               "kill": "attack", "hit": "attack"}

    def execute(self, line):
        self.turns += 1
        self.transcript.append(f"> {line}")
        try:
            words = shlex.split(line.lower())
        except ValueError as e:
            self.say(f"I don't understand ({e}).")
            return
        if not words:
            return
        verb, *args = words
        verb = self.ALIASES.get(verb, verb)
        if len(verb) <= 2 and verb not in ("go",):
            try:
                Direction.parse(verb)
                verb, args = "go", [verb]
            except ValueError:
                pass
        handler = getattr(self, f"do_{verb}", None)
        if handler is None:
            self.say(f"I don't know how to {verb!r}.")
            return
        try:
            handler(*args)
        except ValueError as e:
            self.say(f"Hmm: {e}")


SCRIPT = [
    "look", "take lamp", "take bench", "u", "w", "take sword", "take shield",
    "i", "e", "e", "take knife", "take bread", "take 'rusty nail", "drop shield",
    "inventory", "go down", "n", "attack", "hit rat", "look", "take all", "u", "w",
    "dance", "go sideways", "go", "u", "open chest", "eat bread",
]


def main():
    g = Game(rng_rolls=[3, 5, 1, 6, 2, 4])
    result = None
    for cmd in SCRIPT:
        try:
            g.execute(cmd)
        except GameOver as e:
            result = str(e)
            break
    for line in g.transcript:
        print(line)
    print("-" * 40)
    print(f"result: {result} state={g.state.name} turns={g.turns} score={g.score} hp={g.hp}")
    visited = [r.key for r in g.rooms.values() if Flag.VISITED in r.flags]
    print("visited:", visited)
    print("flags:", {k: repr(r.flags) for k, r in g.rooms.items()})
    print(list(Direction), Direction("u"), Direction["WEST"].opposite)
    print(sorted(Weight), Weight.HEAVY > Weight.LIGHT, Weight(3))
    print(Flag.LIT | Flag.DARK, Flag(5), bool(Flag.NONE), list(Flag.LIT | Flag.VISITED))


if __name__ == "__main__":
    main()
