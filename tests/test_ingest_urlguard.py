"""The SSRF guard: which URLs may be fetched, and the address a fetch is pinned to."""

from __future__ import annotations

import pytest

from warmonitor.ingest.urlguard import RefusedUrl, guard_url


def resolver_for(table: dict[str, list[str]]):
    """DNS answers for invented names (the network is the one thing tests may fake)."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("name or service not known")
        return table[host]

    return resolve


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://news.example/report.html", "only http and https"),
        ("gopher://news.example/", "only http and https"),
        ("http:///nohost", "names no host"),
        ("http://127.0.0.1/admin", "loopback"),
        ("http://127.8.9.10/", "loopback"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://10.0.0.5/", "private"),
        ("http://192.168.1.1/router", "private"),
        ("http://172.16.3.4/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://0.0.0.0:5432/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "non-global"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ],
)
def test_guard_refuses_with_the_rule_named(url: str, rule: str) -> None:
    resolve = resolver_for({"2130706433": ["127.0.0.1"]})
    with pytest.raises(RefusedUrl) as caught:
        guard_url(url, resolver=resolve)
    message = str(caught.value)
    assert message.startswith(url)
    assert rule in message
    assert "\n" not in message


def test_guard_refuses_a_name_that_resolves_to_any_internal_address() -> None:
    # One public and one private answer: a client could connect to either, so both are checked.
    resolve = resolver_for({"rebind.example": ["93.184.216.34", "10.1.2.3"]})
    with pytest.raises(RefusedUrl, match="resolves to 10.1.2.3, a private address"):
        guard_url("https://rebind.example/story", resolver=resolve)


def test_guard_names_the_escape_hatch() -> None:
    with pytest.raises(RefusedUrl, match="--allow-private"):
        guard_url("http://localhost/", resolver=resolver_for({"localhost": ["127.0.0.1"]}))


def test_guard_accepts_a_public_host_and_pins_its_address() -> None:
    resolve = resolver_for({"news.example": ["93.184.216.34"]})
    target = guard_url("https://News.Example/world/story?id=7", resolver=resolve)
    assert target.address == "93.184.216.34"
    assert target.pinned_url == "https://93.184.216.34:443/world/story?id=7"
    assert target.host_header == "news.example"
    assert target.origin == "https://news.example"


def test_guard_pins_ipv6_and_keeps_a_port() -> None:
    resolve = resolver_for({"v6.example": ["2606:2800:220:1:248:1893:25c8:1946"]})
    target = guard_url("http://v6.example:8080/a", resolver=resolve)
    assert target.pinned_url == "http://[2606:2800:220:1:248:1893:25c8:1946]:8080/a"
    assert target.host_header == "v6.example:8080"


def test_allow_private_lets_loopback_through() -> None:
    target = guard_url("http://127.0.0.1:8000/feed.xml", allow_private=True)
    assert target.address == "127.0.0.1"


def test_unresolvable_host_is_a_clear_error() -> None:
    with pytest.raises(RefusedUrl, match="cannot resolve host nowhere.example"):
        guard_url("http://nowhere.example/", resolver=resolver_for({}))
