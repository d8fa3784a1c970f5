"""An HTTP fetcher that is safe to point at addresses typed by users (SSRF).

It refuses non-HTTP schemes; hosts that resolve to loopback, private, link-local, shared, reserved or cloud
metadata addresses; redirects to any of those; bodies over the size limit; and responses slower than the time
limit. The address checked is the address connected to: the host is resolved once and the socket is opened to
that vetted IP, so a DNS answer that changes between check and use (rebinding) cannot reach an inside address.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

VERSION = "1"
USER_AGENT = f"Zabta-evidence-capture/{VERSION}"
METADATA_ADDRESSES = {ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")}
REDIRECTS = {301, 302, 303, 307, 308}
METHODS = ("GET", "HEAD", "POST")
# Set by the connection itself, never taken from a caller.
CONNECTION_HEADERS = {"host", "content-length", "transfer-encoding", "connection", "accept-encoding", "te",
                      "upgrade", "proxy-authorization", "proxy-connection", "keep-alive"}  # fmt: skip
CREDENTIAL_HEADERS = {"authorization", "cookie"}
Resolver = Callable[[str, int], Sequence[str]]


class FetchRefused(Exception):
    """The URL or the response was refused; the message says why."""


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 50 * 1024 * 1024
    timeout_s: float = 30.0  # whole response, from connect to last byte
    max_redirects: int = 5
    # Networks let through despite the rules above: for tests against local servers, never in production.
    allowed_networks: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: tuple[str, ...] = field(default_factory=tuple)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(_("the host %(host)s cannot be resolved") % {"host": host}) from exc
    return [str(info[4][0]) for info in infos]


def _forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, limits: FetchLimits) -> bool:
    if any(ip in ipaddress.ip_network(net) for net in limits.allowed_networks):
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return ip in METADATA_ADDRESSES or not ip.is_global or ip.is_multicast


def vet(url: str, limits: FetchLimits, resolver: Resolver) -> tuple[str, int, str]:
    """(host, port, the one IP to connect to) for a URL that may be fetched; raises FetchRefused otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(_("only http and https addresses can be captured, not %(s)s") % {"s": parts.scheme or "-"})
    if parts.username or parts.password:
        raise FetchRefused(_("addresses with a user name or password are refused"))
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(_("the port is not valid")) from exc
    if not host:
        raise FetchRefused(_("the address has no host"))
    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host, port)]
    if not addresses:
        raise FetchRefused(_("the host %(host)s cannot be resolved") % {"host": host})
    bad = [str(a) for a in addresses if _forbidden(a, limits)]
    if bad:
        raise FetchRefused(
            _("%(host)s resolves to a non-public address (%(ip)s): refused") % {"host": host, "ip": bad[0]}
        )
    return host, port, str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        raw = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Request:
    """What a library asks for (yt-dlp, gallery-dl): method, headers and body; the URL rules stay the fetcher's."""

    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None


GET = Request()


def _headers(request: Request) -> dict[str, str]:
    """The caller's headers, less those the connection decides (the body is read as sent: no compression)."""
    sent = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    sent.update({k: v for k, v in request.headers.items() if k.lower() not in CONNECTION_HEADERS})
    return {**sent, "Accept-Encoding": "identity"}


def _once(
    url: str, limits: FetchLimits, resolver: Resolver, deadline: float, request: Request = GET
) -> tuple[int, dict[str, str], bytes]:
    if request.method not in METHODS:
        raise FetchRefused(_("the method %(m)s is not used for capture") % {"m": request.method[:10]})
    host, port, ip = vet(url, limits, resolver)
    parts = urlsplit(url)
    cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    conn = cls(host, port, ip, timeout=max(0.1, deadline - time.monotonic()))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(request.method, path, body=request.body, headers=_headers(request))
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        body = b"" if response.status in REDIRECTS else _read(response, headers, limits, deadline)
        return response.status, headers, body
    except TimeoutError as exc:
        raise FetchRefused(_("the server answered too slowly (limit %(s)s s)") % {"s": limits.timeout_s}) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchRefused(_("the fetch failed: %(e)s") % {"e": exc.__class__.__name__}) from exc
    finally:
        conn.close()


def _read(response: http.client.HTTPResponse, headers: dict[str, str], limits: FetchLimits, deadline: float) -> bytes:
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchRefused(_("the response is larger than %(n)d bytes") % {"n": limits.max_bytes})
    chunks: list[bytes] = []
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchRefused(_("the server answered too slowly (limit %(s)s s)") % {"s": limits.timeout_s})
        chunk = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchRefused(_("the response is larger than %(n)d bytes") % {"n": limits.max_bytes})
        chunks.append(chunk)


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def _onward(request: Request, status: int, old: str, new: str) -> tuple[Request, str]:
    """The request for the next hop: 307/308 repeat it, the others become a plain GET (as browsers do); the
    caller's credentials never go to another origin."""
    if status not in (307, 308):
        return GET, new
    if _origin(old) != _origin(new):
        kept = {k: v for k, v in request.headers.items() if k.lower() not in CREDENTIAL_HEADERS}
        return replace(request, headers=kept), new
    return request, new


def fetch(url: str, *, limits: FetchLimits | None = None, resolver: Resolver = system_resolver,
          request: Request = GET, follow_redirects: bool = True) -> FetchResult:  # fmt: skip
    """GET (or the request's method) a public URL, following redirects (each one vetted again), within the size
    and time limits. Without ``follow_redirects`` a redirect is returned as it is (the caller follows it, through
    this function again)."""
    limits = limits or FetchLimits()
    deadline = time.monotonic() + limits.timeout_s
    current, hops = url, []
    for _hop in range(limits.max_redirects + 1):
        status, headers, body = _once(current, limits, resolver, deadline, request)
        if follow_redirects and status in REDIRECTS and headers.get("location"):
            hops.append(current)
            request, current = _onward(request, status, current, urljoin(current, headers["location"]))
            continue
        return FetchResult(url, current, status, headers, body, tuple(hops))
    raise FetchRefused(_("more than %(n)d redirects") % {"n": limits.max_redirects})
