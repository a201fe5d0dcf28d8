"""A binary message protocol and file format toolkit: framing with struct,
checksums (zlib/hashlib/hmac), varints, base64/hex encodings, an in-memory
'network' of byte streams, memoryview slicing, bit flags, array/ipaddress/uuid
helpers, and a corrupted-frame recovery loop."""
import array
import base64
import binascii
import enum
import hashlib
import hmac
import io
import ipaddress
import struct
import uuid
import zlib

MAGIC = b"PYCV"
HEADER = struct.Struct(">4sBBHI")  # magic, version, type, flags, payload length
SECRET = b"shared-secret"


class MsgType(enum.IntEnum):
    HELLO = 1
    DATA = 2
    ACK = 3
    BYE = 4


class Flags(enum.IntFlag):
    NONE = 0
    COMPRESSED = 1
    SIGNED = 2
    URGENT = 4


class ProtocolError(Exception):
    pass


def encode_varint(n):
    if n < 0:
        raise ValueError("negative varint")
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def decode_varint(buf, pos=0):
    shift = result = 0
    while True:
        if pos >= len(buf):
            raise ProtocolError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def unzigzag(n):
    return (n >> 1) ^ -(n & 1)


def encode_fields(fields):
    """key/value fields: varint key length, key, type tag, value."""
    out = bytearray(encode_varint(len(fields)))
    for key, value in fields.items():
        k = key.encode()
        out += encode_varint(len(k)) + k
        if isinstance(value, bool):
            out += b"b" + bytes([value])
        elif isinstance(value, int):
            out += b"i" + encode_varint(zigzag(value))
        elif isinstance(value, float):
            out += b"f" + struct.pack("<d", value)
        elif isinstance(value, str):
            v = value.encode("utf-8")
            out += b"s" + encode_varint(len(v)) + v
        elif isinstance(value, bytes):
            out += b"y" + encode_varint(len(value)) + value
        else:
            raise TypeError(f"cannot encode {type(value).__name__}")
    return bytes(out)


def decode_fields(buf):
    mv = memoryview(buf)
    count, pos = decode_varint(buf)
    fields = {}
    for _ in range(count):
        klen, pos = decode_varint(buf, pos)
        key = bytes(mv[pos:pos + klen]).decode()
        pos += klen
        tag = chr(buf[pos])
        pos += 1
        if tag == "b":
            fields[key] = bool(buf[pos]); pos += 1
        elif tag == "i":
            v, pos = decode_varint(buf, pos); fields[key] = unzigzag(v)
        elif tag == "f":
            (fields[key],) = struct.unpack_from("<d", buf, pos); pos += 8
        elif tag in "sy":
            n, pos = decode_varint(buf, pos)
            raw = bytes(mv[pos:pos + n]); pos += n
            fields[key] = raw.decode("utf-8") if tag == "s" else raw
        else:
            raise ProtocolError(f"bad tag {tag!r}")
    return fields


def frame(msg_type, fields, flags=Flags.NONE):
    payload = encode_fields(fields)
    if flags & Flags.COMPRESSED:
        payload = zlib.compress(payload, 9)
    if flags & Flags.SIGNED:
        payload += hmac.new(SECRET, payload, hashlib.sha256).digest()[:8]
    header = HEADER.pack(MAGIC, 1, msg_type, flags, len(payload))
    crc = zlib.crc32(header + payload)
    return header + payload + struct.pack(">I", crc)


def read_frames(stream):
    """Yield decoded frames; resynchronise on corruption by scanning for MAGIC."""
    data = stream.read()
    pos = 0
    while pos < len(data):
        idx = data.find(MAGIC, pos)
        if idx < 0:
            yield ("garbage", len(data) - pos)
            return
        if idx > pos:
            yield ("garbage", idx - pos)
        pos = idx
        try:
            magic, version, mtype, flags, length = HEADER.unpack_from(data, pos)
            end = pos + HEADER.size + length
            if end + 4 > len(data):
                raise ProtocolError("truncated frame")
            payload = data[pos + HEADER.size:end]
            (crc,) = struct.unpack(">I", data[end:end + 4])
            if crc != zlib.crc32(data[pos:end]):
                raise ProtocolError("bad checksum")
            flags = Flags(flags)
            if flags & Flags.SIGNED:
                payload, sig = payload[:-8], payload[-8:]
                if not hmac.compare_digest(sig, hmac.new(SECRET, payload, hashlib.sha256).digest()[:8]):
                    raise ProtocolError("bad signature")
            if flags & Flags.COMPRESSED:
                payload = zlib.decompress(payload)
            yield (MsgType(mtype), flags, decode_fields(payload))
            pos = end + 4
        except (ProtocolError, struct.error, zlib.error, ValueError) as e:
            yield ("error", str(e))
            pos += 1


def hexdump(data, width=16):
    lines = []
    for off in range(0, len(data), width):
        chunk = data[off:off + width]
        hexpart = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{off:08x}  {hexpart:<{width * 3}} |{text}|")
    return "\n".join(lines)


def main():
    print("varints:", [encode_varint(n).hex() for n in (0, 1, 127, 128, 300, 2**32)])
    print("zigzag:", [zigzag(n) for n in (0, -1, 1, -2, 2**31)], unzigzag(zigzag(-12345)))

    msgs = [
        frame(MsgType.HELLO, {"client": "pyceval", "version": 3, "tls": False}),
        frame(MsgType.DATA, {"seq": 1, "temp": -12.5, "note": "ünïcode ✓", "raw": b"\x00\xff"},
              Flags.SIGNED),
        frame(MsgType.DATA, {"seq": 2, "blob": "x" * 400}, Flags.COMPRESSED | Flags.SIGNED | Flags.URGENT),
        frame(MsgType.ACK, {"upto": 2, "delta": -(2**40)}),
        frame(MsgType.BYE, {}),
    ]
    print("frame sizes:", [len(m) for m in msgs])
    print(hexdump(msgs[0]))

    wire = io.BytesIO()
    wire.write(b"\x01\x02noise")
    wire.write(msgs[0])
    wire.write(msgs[1])
    bad = bytearray(msgs[2])
    bad[-6] ^= 0xFF  # corrupt payload
    wire.write(bytes(bad))
    tampered = bytearray(msgs[3])
    wire.write(msgs[3])
    wire.write(msgs[4][:10])  # truncated
    wire.write(msgs[2])
    wire.seek(0)
    for item in read_frames(wire):
        if isinstance(item[0], MsgType):
            mtype, flags, fields = item
            shown = {k: (v if not isinstance(v, str) or len(v) < 20 else f"<{len(v)} chars>")
                     for k, v in fields.items()}
            print(f"  {mtype.name:5} flags={flags!r:40} {shown}")
        else:
            print("  ", item)

    # struct formats & alignment
    print("calcsize:", struct.calcsize("@bhi"), struct.calcsize("=bhi"), struct.calcsize("<q3sx?"))
    packed = struct.pack("<hHiIqQfd?3s", -2, 65535, -2**31, 2**32 - 1, -1, 2**64 - 1, 1.5, 0.1,
                         True, b"ab")
    print("packed:", packed.hex())
    print("unpacked:", struct.unpack("<hHiIqQfd?3s", packed))
    print("iter_unpack:", list(struct.iter_unpack(">HH", bytes(range(8)))))
    try:
        struct.pack(">H", 70000)
    except struct.error as e:
        print("struct error:", e)
    buf = bytearray(8)
    struct.pack_into(">I", buf, 2, 0xDEADBEEF)
    print("pack_into:", buf.hex())

    # memoryview and array
    mv = memoryview(bytearray(b"abcdefgh"))
    mv[2:4] = b"XY"
    print("memoryview:", mv.tobytes(), mv[::2].tobytes(), mv.nbytes, mv.readonly)
    ints = memoryview(array.array("i", [1, 2, 3, 4]))
    print("cast:", ints.format, ints.itemsize, ints.tolist(), ints.cast("B").tolist()[:8])
    arr = array.array("H", [1, 256, 65535])
    arr.byteswap()
    print("array:", arr.tolist(), arr.tobytes().hex(), array.array("d", [0.5]).tobytes().hex())

    # encodings
    data = "Grüße, 世界!".encode("utf-8")
    print("b64:", base64.b64encode(data).decode(), base64.urlsafe_b64encode(b"\xfb\xff").decode(),
          base64.b32encode(b"hi").decode(), base64.b85encode(b"hello").decode(),
          base64.a85encode(b"hello").decode())
    print("decode:", base64.b64decode(base64.b64encode(data)).decode("utf-8"))
    try:
        base64.b64decode("abc", validate=True)
    except binascii.Error as e:
        print("b64 error:", e)
    print("hexlify:", binascii.hexlify(b"\x01\xab", "-").decode(), bytes.fromhex("de ad be ef"),
          binascii.crc_hqx(b"abc", 0), binascii.crc32(b"abc"))
    print("codecs:", "ça va".encode("latin-1"), "ça".encode("utf-16-le"),
          b"\xff".decode("utf-8", "replace"), "é".encode("ascii", "xmlcharrefreplace"),
          "a\u0301".encode("ascii", "backslashreplace"))

    # hashing
    print("sha256:", hashlib.sha256(b"abc").hexdigest()[:16],
          "md5:", hashlib.md5(b"").hexdigest()[:8],
          "blake2b:", hashlib.blake2b(b"abc", digest_size=8).hexdigest(),
          "sha3:", hashlib.sha3_256(b"").hexdigest()[:8])
    h = hashlib.sha1()
    for chunk in (b"a", b"b", b"c"):
        h.update(chunk)
    print("incremental == oneshot:", h.hexdigest() == hashlib.sha1(b"abc").hexdigest(), h.name,
          h.digest_size)
    print("pbkdf2:", hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000, dklen=8).hex())
    print("hmac:", hmac.new(b"k", b"msg", "sha256").hexdigest()[:16], zlib.adler32(b"abc"))
    comp = zlib.compressobj(level=6, wbits=-15)
    raw = comp.compress(b"hello " * 50) + comp.flush()
    print("raw deflate:", len(raw), zlib.decompress(raw, wbits=-15)[:11])

    # ip addresses & uuids
    net = ipaddress.ip_network("192.168.10.0/28")
    print("network:", net, net.num_addresses, net.netmask, list(net.hosts())[:2], net.broadcast_address)
    print("subnets:", [str(s) for s in net.subnets(new_prefix=30)])
    addr = ipaddress.ip_address("192.168.10.7")
    print("in net:", addr in net, addr.is_private, int(addr), addr + 3, addr.reverse_pointer)
    v6 = ipaddress.ip_address("2001:db8::1")
    print("v6:", v6.exploded, v6.compressed, v6.version, ipaddress.ip_interface("10.1.2.3/8").network)
    print("collapse:", list(ipaddress.collapse_addresses(
        [ipaddress.ip_network("10.0.0.0/25"), ipaddress.ip_network("10.0.0.128/25")])))
    u = uuid.uuid5(uuid.NAMESPACE_DNS, "pyceval.test")
    print("uuid5:", u, u.version, u.hex[:8], uuid.UUID(bytes=u.bytes) == u,
          uuid.UUID("12345678-1234-5678-1234-567812345678").int % 1000)
    print("int ops:", (1024).to_bytes(4, "little"), int.from_bytes(b"\x01\x00", "big"),
          (255).bit_length(), (-255).bit_count() if hasattr(int, "bit_count") else "",
          (2**70).to_bytes(9, "big").hex())


if __name__ == "__main__":
    main()
