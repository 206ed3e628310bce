"""Which URLs warmonitor may fetch: the guard against server-side request forgery.

A news URL comes from a feed, a list or a redirect, that is from someone else. Fetching it
must not reach the machine's own services (a database on localhost, a cloud metadata endpoint
at 169.254.169.254, a router's admin page on 192.168.0.1). So only http and https are fetched,
the host name is resolved here, every address it resolves to must be a global one, and the
connection is then made to the address that was checked (the "pin"), never resolved again: a
DNS answer that changes between the check and the connection (DNS rebinding) cannot slip past.
Redirects go through the same check (``fetch.py``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from warmonitor.errors import InputError

ALLOWED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# getaddrinfo's shape: (host, port) -> addresses; tests and callers may pass their own resolver.
Resolver = Callable[[str, int], list[str]]


class RefusedUrl(InputError):
    """A URL the guard will not fetch; the message names the URL and the rule it broke."""


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the guard, with the address to connect to."""

    url: str
    scheme: str
    host: str  # as written in the URL, lower-cased, without brackets
    port: int
    address: str  # the checked address the connection is pinned to

    @property
    def pinned_url(self) -> str:
        """The URL with its host replaced by the checked address (the request goes there)."""
        parts = urlsplit(self.url)
        shown = f"[{self.address}]" if ":" in self.address else self.address
        path = parts.path or "/"
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.scheme}://{shown}:{self.port}{path}{query}"

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == _DEFAULT_PORTS[self.scheme]:
            return shown
        return f"{shown}:{self.port}"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host_header}"


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def guard_url(
    url: str, *, allow_private: bool = False, resolver: Resolver = system_resolver
) -> Target:
    """Check ``url`` and resolve its host; raise :class:`RefusedUrl` naming the rule it breaks."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise RefusedUrl(url, f"is not a valid URL ({exc}); check it") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedUrl(
            url, f"refused: only http and https URLs are fetched, not {scheme or 'a bare path'}"
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise RefusedUrl(url, "refused: the URL names no host")
    port = port or _DEFAULT_PORTS[scheme]
    literal = True
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        literal = False
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise RefusedUrl(url, f"cannot resolve host {host} ({exc}); check the URL") from exc
    if not addresses:
        raise RefusedUrl(url, f"cannot resolve host {host}; check the URL")
    if not allow_private:
        for address in addresses:
            problem = non_global_reason(address)
            if problem:
                # Every address is checked, not only the first: a client could pick any of them.
                what = f"{host} is" if literal else f"{host} resolves to {address},"
                raise RefusedUrl(
                    url,
                    f"refused: {what} a {problem} address "
                    "(use --allow-private to fetch from private networks)",
                )
    return Target(url.strip(), scheme, host, port, str(addresses[0]))


def non_global_reason(address: IPAddress) -> str | None:
    """Why an address is not on the public internet (None when it is)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return non_global_reason(address.ipv4_mapped)
    # The specific kinds first: loopback, link-local and unspecified addresses are private too.
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not address.is_global:  # shared address space (100.64/10), documentation ranges...
        return "non-global"
    return None
