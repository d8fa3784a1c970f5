"""The SSRF-safe fetcher, against local servers: what it refuses and what it lets through."""

import ipaddress
import json

import pytest

from tests.content.servers import body, drip, echo, endless, redirect, serve
from zabta.content.fetch import FetchLimits, FetchRefused, Request, fetch, vet

LOCAL = FetchLimits(allowed_networks=("127.0.0.1/32",), timeout_s=5)


class Fixed:
    """A resolver with fixed answers that remembers what it was asked."""

    def __init__(self, mapping: dict[str, list[str]]) -> None:
        self.mapping = mapping
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        return self.mapping.get(host) or ["127.0.0.1"]


fixed = Fixed


def test_fetches_a_page_from_an_allowed_local_server() -> None:
    with serve({"/p": body(b"<p>hello</p>")}) as base:
        got = fetch(base + "/p", limits=LOCAL)
    assert got.status == 200 and got.body == b"<p>hello</p>" and got.content_type == "text/html"


def test_refuses_loopback_by_default() -> None:
    with serve({"/p": body(b"secret")}) as base, pytest.raises(FetchRefused, match="non-public"):
        fetch(base + "/p")


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.100.100.200",
        "::1",
        "fe80::1",
        "fd00:ec2::254",
        str(ipaddress.IPv4Address(0)),
        "100.64.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_refuses_private_link_local_and_metadata_addresses(address: str) -> None:
    with pytest.raises(FetchRefused, match="non-public"):
        vet("http://evil.example/", FetchLimits(), fixed({"evil.example": [address]}))


def test_refuses_when_any_resolved_address_is_private() -> None:
    with pytest.raises(FetchRefused, match=r"10\.1\.2\.3"):
        vet("http://mixed.example/", FetchLimits(), fixed({"mixed.example": ["93.184.216.34", "10.1.2.3"]}))


def test_refuses_ip_literals_in_odd_notations() -> None:
    for url in ("http://2130706433/", "http://0x7f.0.0.1/", "http://[::1]/", "http://127.1/"):
        with pytest.raises(FetchRefused):
            fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "javascript:alert(1)",
                                 "data:text/html,hi", "http://user:pw@example.com/"])  # fmt: skip
def test_refuses_non_http_schemes_and_credentials(url: str) -> None:
    with pytest.raises(FetchRefused):
        fetch(url)


def test_refuses_redirect_to_a_private_address() -> None:
    resolver = fixed({"metadata.evil": ["169.254.169.254"]})
    with (
        serve({"/go": redirect("http://metadata.evil/latest/meta-data/")}) as base,
        pytest.raises(FetchRefused, match=r"169\.254\.169\.254"),
    ):
        fetch(base + "/go", limits=LOCAL, resolver=resolver)
    assert resolver.calls[-1] == "metadata.evil"


def test_refuses_redirect_to_loopback_literal_outside_the_allowance() -> None:
    with (
        serve({"/go": redirect("http://127.0.0.2:1/admin")}) as base,
        pytest.raises(FetchRefused, match=r"127\.0\.0\.2"),
    ):
        fetch(base + "/go", limits=LOCAL)


def test_connects_to_the_address_it_checked_so_dns_rebinding_cannot_switch_it() -> None:
    answers = iter([["127.0.0.1"], ["10.0.0.9"]])  # first answer vetted, a second lookup would say "inside"
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    with serve({"/p": body(b"public page")}) as base:
        port = base.rsplit(":", 1)[1]
        got = fetch(f"http://rebind.example:{port}/p", limits=LOCAL, resolver=rebinding)
    assert got.body == b"public page"
    assert asked == ["rebind.example"]  # resolved once; the socket went to the vetted address


def test_refuses_oversize_body_by_declared_length() -> None:
    with serve({"/big": body(b"x" * 5000, "image/png")}) as base, pytest.raises(FetchRefused, match="larger"):
        fetch(base + "/big", limits=FetchLimits(allowed_networks=("127.0.0.1/32",), max_bytes=1000))


def test_refuses_oversize_body_without_declared_length() -> None:
    with serve({"/big": endless()}) as base, pytest.raises(FetchRefused, match="larger"):
        fetch(base + "/big", limits=FetchLimits(allowed_networks=("127.0.0.1/32",), max_bytes=100_000))


def test_refuses_slow_bodies() -> None:
    limits = FetchLimits(allowed_networks=("127.0.0.1/32",), timeout_s=0.5)
    with serve({"/slow": drip(pause_s=0.1, count=50)}) as base, pytest.raises(FetchRefused, match="slowly"):
        fetch(base + "/slow", limits=limits)


def test_refuses_too_many_redirects() -> None:
    with serve({"/a": redirect("/b"), "/b": redirect("/a")}) as base, pytest.raises(FetchRefused, match="redirects"):
        fetch(base + "/a", limits=LOCAL)


def test_sends_a_library_request_but_decides_the_connection_headers_itself() -> None:
    asked = Request("POST", {"X-Csrf-Token": "t1", "Host": "inside.example", "Accept-Encoding": "gzip"}, b"a=1")
    with serve({"/api": echo()}) as base:
        got = fetch(base + "/api", limits=LOCAL, request=asked)
    seen = json.loads(got.body)
    assert seen["method"] == "POST" and seen["body"] == "a=1" and seen["headers"]["X-Csrf-Token"] == "t1"
    assert seen["headers"]["Host"] == base.removeprefix("http://") and seen["headers"]["Accept-Encoding"] == "identity"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "CONNECT"])
def test_refuses_methods_capture_does_not_use(method: str) -> None:
    with serve({"/api": echo()}) as base, pytest.raises(FetchRefused, match="method"):
        fetch(base + "/api", limits=LOCAL, request=Request(method))


def test_a_redirected_post_is_followed_as_get_except_after_307() -> None:
    routes = {"/see-other": redirect("/echo", 303), "/temporary": redirect("/echo", 307), "/echo": echo()}
    with serve(routes) as base:
        other = json.loads(fetch(base + "/see-other", limits=LOCAL, request=Request("POST", {}, b"x=1")).body)
        kept = json.loads(fetch(base + "/temporary", limits=LOCAL, request=Request("POST", {}, b"x=1")).body)
    assert (other["method"], other["body"]) == ("GET", "")
    assert (kept["method"], kept["body"]) == ("POST", "x=1")


def test_credentials_are_not_carried_to_another_origin() -> None:
    sent = Request("GET", {"Authorization": "Bearer t", "Cookie": "s=1", "X-Kept": "yes"})
    with serve({"/echo": echo()}) as there, serve({"/go": redirect(there + "/echo", 307)}) as base:
        same = json.loads(fetch(there + "/echo", limits=LOCAL, request=sent).body)["headers"]
        moved = json.loads(fetch(base + "/go", limits=LOCAL, request=sent).body)["headers"]
    assert same["Authorization"] == "Bearer t" and same["Cookie"] == "s=1"
    assert "Authorization" not in moved and "Cookie" not in moved and moved["X-Kept"] == "yes"


def test_without_following_a_redirect_comes_back_as_it_is() -> None:
    with serve({"/go": redirect("http://169.254.169.254/")}) as base:
        got = fetch(base + "/go", limits=LOCAL, follow_redirects=False)
    assert got.status == 302 and got.headers["location"] == "http://169.254.169.254/" and got.redirects == ()
