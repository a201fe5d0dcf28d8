"""A bank simulation: accounts with Decimal money, __slots__, properties, interest
as Fractions, transfers with rollback, statements and audit checks."""
import decimal
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from functools import reduce, total_ordering
import itertools

decimal.getcontext().prec = 28
CENT = Decimal("0.01")


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.number}: cannot withdraw {amount}, balance {account.balance}")
        self.account = account
        self.amount = amount


class AccountFrozen(BankError):
    pass


@total_ordering
class Money:
    __slots__ = ("_amount", "currency")

    def __init__(self, amount, currency="EUR"):
        if isinstance(amount, float):
            raise TypeError("use str or Decimal, not float")
        object.__setattr__(self, "_amount", Decimal(amount).quantize(CENT, ROUND_HALF_EVEN))
        object.__setattr__(self, "currency", currency)

    def __setattr__(self, name, value):
        raise AttributeError("Money is immutable")

    @property
    def amount(self):
        return self._amount

    def _check(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"currency mismatch {self.currency}/{other.currency}")
        return other

    def __add__(self, other):
        other = self._check(other)
        if other is NotImplemented:
            return other
        return Money(self._amount + other._amount, self.currency)

    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)

    def __sub__(self, other):
        other = self._check(other)
        if other is NotImplemented:
            return other
        return Money(self._amount - other._amount, self.currency)

    def __mul__(self, factor):
        if isinstance(factor, Fraction):
            factor = Decimal(factor.numerator) / Decimal(factor.denominator)
        return Money(self._amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __neg__(self):
        return Money(-self._amount, self.currency)

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self._amount, self.currency) == (other._amount, other.currency)

    def __lt__(self, other):
        self._check(other)
        return self._amount < other._amount

    def __hash__(self):
        return hash((self._amount, self.currency))

    def __bool__(self):
        return bool(self._amount)

    def __repr__(self):
        return f"Money('{self._amount}', '{self.currency}')"

    def __str__(self):
        sign = "-" if self._amount < 0 else ""
        return f"{sign}{abs(self._amount):,.2f} {self.currency}"

    def __format__(self, spec):
        return format(str(self), spec)

    def allocate(self, ratios):
        """Split without losing cents (largest remainder goes first)."""
        total = sum(ratios)
        cents = int(self._amount * 100)
        shares = [cents * r // total for r in ratios]
        remainder = cents - sum(shares)
        for i in range(remainder):
            shares[i] += 1
        return [Money(Decimal(s) / 100, self.currency) for s in shares]


class Transaction:
    __slots__ = ("seq", "kind", "amount", "memo", "balance_after")
    _counter = itertools.count(1)

    def __init__(self, kind, amount, memo, balance_after):
        self.seq = next(self._counter)
        self.kind = kind
        self.amount = amount
        self.memo = memo
        self.balance_after = balance_after

    def __repr__(self):
        return f"<T{self.seq} {self.kind} {self.amount}>"


class Account:
    __slots__ = ("number", "owner", "_balance", "history", "frozen", "__weakref__")
    kind = "basic"
    overdraft = Money("0")

    def __init__(self, number, owner, opening="0"):
        self.number = number
        self.owner = owner
        self._balance = Money(opening)
        self.history = []
        self.frozen = False
        if self._balance:
            self._record("open", self._balance, "opening balance")

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        raise AttributeError("use deposit/withdraw")

    def _record(self, kind, amount, memo):
        self.history.append(Transaction(kind, amount, memo, self._balance))

    def _guard(self):
        if self.frozen:
            raise AccountFrozen(f"{self.number} is frozen")

    def deposit(self, amount, memo="deposit"):
        self._guard()
        if amount <= Money("0"):
            raise ValueError("deposit must be positive")
        self._balance += amount
        self._record("credit", amount, memo)

    def withdraw(self, amount, memo="withdrawal"):
        self._guard()
        if self._balance + self.overdraft < amount:
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self._record("debit", amount, memo)

    def month_end(self):
        pass

    def __repr__(self):
        return f"{type(self).__name__}({self.number!r}, {self.owner!r}, {self._balance})"


class Savings(Account):
    __slots__ = ("rate",)
    kind = "savings"

    def __init__(self, number, owner, opening="0", rate=Fraction(3, 100)):
        super().__init__(number, owner, opening)
        self.rate = rate

    def month_end(self):
        interest = self._balance * (self.rate / 12)
        if interest:
            self._balance += interest
            self._record("interest", interest, f"interest @ {self.rate}")


class Checking(Account):
    __slots__ = ("fee",)
    kind = "checking"
    overdraft = Money("100")

    def __init__(self, number, owner, opening="0", fee="2.50"):
        super().__init__(number, owner, opening)
        self.fee = Money(fee)

    def month_end(self):
        if self._balance < Money("500"):
            self._balance -= self.fee
            self._record("fee", self.fee, "monthly fee")


class Bank:
    def __init__(self, name):
        self.name = name
        self.accounts = {}
        self.failed = []

    def open(self, cls, owner, *args, **kw):
        number = f"{cls.kind[:2].upper()}-{len(self.accounts) + 1:04d}"
        acct = cls(number, owner, *args, **kw)
        self.accounts[number] = acct
        return acct

    def transfer(self, src, dst, amount, memo="transfer"):
        snapshot = (src._balance, len(src.history), dst._balance, len(dst.history))
        try:
            src.withdraw(amount, f"{memo} to {dst.number}")
            dst.deposit(amount, f"{memo} from {src.number}")
        except BankError as e:
            src._balance, n1, dst._balance, n2 = snapshot
            del src.history[n1:]
            del dst.history[n2:]
            self.failed.append((src.number, dst.number, str(amount), type(e).__name__))
            return False
        return True

    def total(self):
        return sum(a.balance for a in self.accounts.values())

    def month_end(self):
        for a in self.accounts.values():
            a.month_end()


def statement(acct):
    print(f"Statement {acct.number} ({acct.kind}) - {acct.owner}")
    for t in acct.history:
        sign = "-" if t.kind in ("debit", "fee") else "+"
        print(f"  {t.seq:3} {t.kind:<9}{sign}{t.amount:>14} {t.balance_after:>14}  {t.memo}")
    print(f"  closing balance: {acct.balance}")


def main():
    bank = Bank("Pyceval Savings & Loan")
    alice = bank.open(Checking, "Alice", "1200.00")
    bob = bank.open(Savings, "Bob", "5000", rate=Fraction(9, 200))
    carol = bank.open(Checking, "Carol", "50")
    dave = bank.open(Savings, "Dave")

    ops = [
        lambda: alice.deposit(Money("199.999")),
        lambda: alice.withdraw(Money("33.33"), "groceries"),
        lambda: bank.transfer(alice, carol, Money("250")),
        lambda: bank.transfer(carol, dave, Money("400"), "rent"),
        lambda: bank.transfer(carol, dave, Money("200"), "rent"),
        lambda: carol.withdraw(Money("0.01")),
        lambda: dave.deposit(Money("-5")),
        lambda: dave.deposit(Money("10", "USD")),
        lambda: alice.deposit(Money(1.5)),
        lambda: setattr(alice, "balance", Money("1")),
        lambda: setattr(alice, "nickname", "Al"),
        lambda: setattr(Money("1"), "currency", "GBP"),
    ]
    for i, op in enumerate(ops):
        try:
            r = op()
            print(f"op {i}: ok{'' if r is None else ' -> ' + str(r)}")
        except (BankError, ValueError, TypeError, AttributeError) as e:
            print(f"op {i}: {type(e).__name__}: {e}")

    bob.frozen = True
    print("frozen transfer:", bank.transfer(bob, alice, Money("1")))
    bob.frozen = False

    for month in range(1, 4):
        bank.month_end()
        print(f"after month {month}: total {bank.total()}")

    for acct in bank.accounts.values():
        statement(acct)
    print("failed transfers:", bank.failed)
    print("accounts:", sorted(bank.accounts.values(), key=lambda a: a.balance))

    # allocation keeps every cent
    pot = Money("100.00")
    parts = pot.allocate([1, 1, 1])
    print("allocate 100/3:", [str(p) for p in parts], "sum", sum(parts))
    print("allocate 0.05 by 3:2:", pot.allocate([3, 2]), Money("0.05").allocate([3, 2]))

    # decimal contexts and rounding modes
    x = Decimal("2.675")
    print(x.quantize(CENT, ROUND_HALF_UP), x.quantize(CENT, ROUND_HALF_EVEN), round(2.675, 2))
    with localcontext() as ctx:
        ctx.prec = 6
        print("1/7 at prec 6:", Decimal(1) / Decimal(7))
        ctx.traps[decimal.DivisionByZero] = False
        print("1/0 untrapped:", Decimal(1) / Decimal(0))
    try:
        Decimal(1) / Decimal(0)
    except decimal.DivisionByZero as e:
        print("trapped:", type(e).__name__, isinstance(e, ZeroDivisionError))
    print(Decimal("1.10") + Decimal("2.20"), 1.10 + 2.20, Decimal("1e3").normalize(),
          Decimal("-0.00"), Decimal("NaN").is_nan(), Decimal(0.1))
    print(Decimal("123.456").as_tuple(), Decimal(10) ** -2, Decimal("7").sqrt())

    # fractions: compound interest exactly
    r = Fraction(5, 100)
    growth = reduce(lambda acc, _: acc * (1 + r / 12), range(12), Fraction(1))
    print("exact growth:", growth.limit_denominator(10**6), float(growth))
    print(Fraction("3.1415926535").limit_denominator(1000), Fraction(1, 3) + Fraction(1, 6),
          Fraction(7, 2) // 1, Fraction(-7, 2) % 3, Fraction(2, 3) ** 2, Fraction(0.75))
    print(hash(Fraction(1, 2)) == hash(0.5), Fraction(1, 2) == 0.5, Fraction(1, 3) < 0.34)
    try:
        Money("1") < 5
    except (TypeError, AttributeError) as e:
        print("compare error:", type(e).__name__)
    print("slots:", Account.__slots__, Savings.__slots__, hasattr(alice, "__dict__"))
    print({Money("1.00"), Money("1"), Money("1.004")})


if __name__ == "__main__":
    main()
