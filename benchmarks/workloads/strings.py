def run():
    words = ["alpha", "beta", "gamma", "delta"] * 500
    out = {}
    for w in words:
        key = w[0].upper() + w[1:]
        out[key] = out.get(key, 0) + len(f"{w}-{key}")
    return sorted(out.items())
