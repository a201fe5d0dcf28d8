def run():
    xs = [float(i) for i in range(200)]
    total = 0.0
    for _ in range(30):
        for i in range(len(xs)):
            x = xs[i]
            total += x * x * 0.5 - x / 3.0
    return round(total, 3)
