"""Local fake servers speaking the real protocols: an SMTP server and the SMS gateway's HTTP+JSON protocol.

Both run in a thread on 127.0.0.1 and an ephemeral port, and record what they received.
"""

import json
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class SmsGatewayState:
    received: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    # Status codes to answer with, in order; 200 once the list is used up.
    answers: list[int] = field(default_factory=list)


@contextmanager
def fake_sms_gateway() -> Iterator[tuple[str, SmsGatewayState]]:
    state = SmsGatewayState()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            status = state.answers.pop(0) if state.answers else 200
            if status == 200:
                state.received.append(body)
                state.headers.append(dict(self.headers))
            answer = json.dumps({"id": f"gw-{len(state.received)}", "status": "queued"} if status == 200
                                else {"error": "refused"}).encode()  # fmt: skip
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/send", state
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class SmtpState:
    messages: list[EmailMessage] = field(default_factory=list)
    envelope_to: list[list[str]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550


@contextmanager
def fake_smtp_server() -> Iterator[tuple[int, SmtpState]]:
    """A minimal SMTP server (RFC 5321 commands smtplib uses: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)."""
    state = SmtpState()

    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(f"{line}\r\n".encode())

        def handle(self) -> None:
            self.reply("220 fake.smtp ESMTP ready")
            rcpts: list[str] = []
            while raw := self.rfile.readline():
                command = raw.decode("utf-8", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    self.reply("250-fake.smtp")
                    self.reply("250 8BITMIME")
                elif verb in ("HELO", "NOOP", "RSET"):
                    rcpts = [] if verb == "RSET" else rcpts
                    self.reply("250 OK")
                elif verb == "MAIL":
                    rcpts = []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    address = command.split(":", 1)[1].strip().strip("<>")
                    if address in state.refuse:
                        self.reply("550 5.1.1 no such mailbox")
                    else:
                        rcpts.append(address)
                        self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 end with <CRLF>.<CRLF>")
                    data = b""
                    while (line := self.rfile.readline()) not in (b".\r\n", b""):
                        data += line[1:] if line.startswith(b"..") else line
                    state.messages.append(message_from_bytes(data, policy=policy.default))
                    state.envelope_to.append(rcpts)
                    self.reply("250 OK queued")
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("502 command not implemented")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], state
    finally:
        server.shutdown()
        server.server_close()
