# Ends with an uncaught exception raised several frames deep; the traceback
# (with 3.11 position markers) goes to stderr and the exit code is 1.

class Account:
    def __init__(self, balance):
        self.balance = balance

def lookup_fee(fees, kind):
    return fees[kind]

def compute_total(account, fees, kind):
    print('computing total for', kind)
    total = account.balance + fees[kind]
    return total

def process(accounts, fees):
    results = []
    for kind, acct in accounts:
        results.append(compute_total(acct, fees, kind))
        print('result so far', results)
    return results

def main():
    fees = {'basic': 5, 'premium': 'twenty'}
    accounts = [('basic', Account(100)), ('premium', Account(200))]
    print('starting')
    process(accounts, fees)
    print('never reached')

main()
