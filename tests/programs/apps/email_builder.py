"""Composing and parsing email the way a newsletter/notification service does:
EmailMessage with text and HTML alternatives, attachments, inline images,
headers with non-ASCII names, fixed boundaries and dates for determinism,
then parsing raw messages back (policy.default), walking MIME parts,
decoding encoded words, quoted-printable/base64 payloads and mbox-like splitting."""
import email
import email.utils
import mimetypes
import quopri
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser, Parser

FIXED_DATE = datetime(2024, 2, 29, 12, 0, 0, tzinfo=timezone.utc)


def build_newsletter(recipient_name, recipient_addr):
    msg = EmailMessage()
    msg["Subject"] = "Février update: ünïcode & more ✓"
    msg["From"] = Address("Pyceval Team", "team", "example.test")
    msg["To"] = (Address(recipient_name, addr_spec=recipient_addr),
                 Address("Archive", "archive", "example.test"))
    msg["Date"] = email.utils.format_datetime(FIXED_DATE)
    msg["Message-ID"] = "<newsletter-2024-02@example.test>"
    msg["List-Unsubscribe"] = "<mailto:unsubscribe@example.test>"
    msg.set_content(f"Hi {recipient_name},\n\nThis month: faster bytecode, fewer bugs.\n"
                    "A long line that goes on and on " * 3 + "\n\n-- \nThe team\n")
    msg.add_alternative(f"""\
<html><body>
<p>Hi {recipient_name},</p>
<p>This month: <b>faster</b> bytecode. <img src="cid:logo@example.test"></p>
</body></html>
""", subtype="html")
    html_part = msg.get_payload()[1]
    html_part.add_related(b"\x89PNG\r\n\x1a\n" + bytes(range(32)), maintype="image", subtype="png",
                          cid="<logo@example.test>", filename="logo.png")
    csv_data = "month,users\n2024-01,120\n2024-02,180\n"
    msg.add_attachment(csv_data.encode(), maintype="text", subtype="csv", filename="stats.csv")
    msg.add_attachment(b"%PDF-1.4 fake pdf bytes \x00\x01\x02", maintype="application", subtype="pdf",
                       filename="Résumé annuel.pdf")
    counter = iter(range(100))
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(f"===============BOUNDARY{next(counter):02d}==")
    return msg


def describe(msg, indent=0):
    pad = "  " * indent
    ctype = msg.get_content_type()
    disp = msg.get_content_disposition()
    name = msg.get_filename()
    line = f"{pad}{ctype}"
    if disp:
        line += f" [{disp}]"
    if name:
        line += f" filename={name!r}"
    if msg.get("Content-ID"):
        line += f" cid={msg['Content-ID']}"
    if not msg.is_multipart():
        payload = msg.get_payload(decode=True)
        line += f" ({len(payload)} bytes, cte={msg.get('Content-Transfer-Encoding', '7bit')})"
    print(line)
    if msg.is_multipart():
        for part in msg.iter_parts():
            describe(part, indent + 1)


RAW_LEGACY = b"""\
Return-Path: <bounce@legacy.test>
Received: from mx.legacy.test by mail.example.test; Thu, 29 Feb 2024 11:58:01 +0000
From: =?iso-8859-1?q?Jos=E9_Garc=EDa?= <jose@legacy.test>
To: undisclosed-recipients:;
Subject: =?utf-8?b?UmU6IHByb2plY3Qgc3RhdHVzIOKckw==?=
Date: Thu, 29 Feb 2024 06:58:00 -0500
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

This is a multi-part message in MIME format.
--XYZ
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Ol=E1, the build is green =E9 everything passes.
Line with soft=
 break.
--XYZ
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="data.bin"

AAECAwQFBgcICQ==
--XYZ--
"""


def main():
    msg = build_newsletter("Zoë Ünal", "zoe@example.test")
    print("headers:")
    for k, v in msg.items():
        print(f"  {k}: {v}")
    print("structure:")
    describe(msg)
    body = msg.get_body(preferencelist=("plain",))
    print("plain body first line:", body.get_content().splitlines()[0])
    html = msg.get_body(preferencelist=("html",))
    print("html body has img:", "cid:logo" in html.get_content())
    atts = [(a.get_filename(), a.get_content_type(), len(a.get_content())) for a in msg.iter_attachments()]
    print("attachments:", atts)

    raw = msg.as_bytes(policy=policy.SMTP)
    print("raw size:", len(raw), "| CRLF lines:", raw.count(b"\r\n") > 10,
          "| encoded subject:", [l for l in raw.split(b"\r\n") if l.startswith(b"Subject")][0][:60])
    text = msg.as_string(maxheaderlen=60)
    print("first 12 lines of serialized message:")
    for line in text.splitlines()[:12]:
        print("  |", line)

    back = BytesParser(policy=policy.default).parsebytes(raw)
    print("round trip subject:", back["Subject"], "| to:", [a.display_name for a in back["To"].addresses])
    print("round trip parts:", [p.get_content_type() for p in back.walk()])
    print("csv content:", back.get_payload()[1].get_content().splitlines())

    legacy = BytesParser(policy=policy.default).parsebytes(RAW_LEGACY)
    print("legacy from:", legacy["From"], "|", legacy["From"].addresses[0].username,
          "| subject:", legacy["Subject"])
    print("legacy date:", legacy["Date"].datetime.isoformat(), "| utc:",
          legacy["Date"].datetime.astimezone(timezone.utc).isoformat())
    print("legacy to:", legacy["To"], legacy["To"].groups[0].display_name, legacy["To"].addresses)
    print("preamble:", legacy.preamble.strip())
    for part in legacy.iter_parts():
        print(f"  part {part.get_content_type()} charset={part.get_content_charset()} ->",
              repr(part.get_content()) if part.get_content_maintype() == "text" else part.get_content())
    compat = email.message_from_bytes(RAW_LEGACY)
    print("compat32 subject raw:", compat["Subject"], "| decoded:",
          str(email.header.make_header(email.header.decode_header(compat["Subject"]))))

    # classic MIME classes
    mm = MIMEMultipart("alternative", boundary="ALT")
    mm["Subject"] = "plain ascii"
    mm.attach(MIMEText("hello", "plain", "utf-8"))
    mm.attach(MIMEText("<b>hello</b>", "html"))
    print(mm.as_string().replace("\n", " / ")[:230])

    # utils
    print("parseaddr:", email.utils.parseaddr('"Doe, Jane" <jane@x.test>'),
          email.utils.getaddresses(["a@x.test, B <b@y.test>", "c@z.test"]))
    print("formataddr:", email.utils.formataddr(("Zoë", "zoe@x.test")), email.utils.formataddr(("Plain", "p@x.test")))
    print("dates:", email.utils.parsedate_to_datetime("Thu, 29 Feb 2024 06:58:00 -0500"),
          email.utils.format_datetime(FIXED_DATE, usegmt=True), email.utils.mktime_tz(
              email.utils.parsedate_tz("Thu, 29 Feb 2024 06:58:00 -0500")))
    print("quote:", email.utils.quote('a "b" \\c'), email.utils.unquote('"<x>"'), email.utils.collapse_rfc2231_value(
        ("utf-8", "", "R%C3%A9sum%C3%A9")))
    print("quopri:", quopri.encodestring("café = ok\n".encode()), quopri.decodestring(b"caf=C3=A9"))
    print("mimetypes:", mimetypes.guess_type("report.pdf"), mimetypes.guess_type("x.tar.gz"),
          mimetypes.guess_extension("text/html"), mimetypes.guess_type("noext"))
    bad = Parser(policy=policy.default).parsestr("From: broken <<x@y>\nSubject: ok\n\nbody\n")
    print("defects:", [type(d).__name__ for d in bad["From"].defects] or "none", "| subject:", bad["Subject"])


if __name__ == "__main__":
    main()
