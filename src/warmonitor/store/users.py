"""Who may use the server: named users with a role and a bearer token.

A token is shown once, when it is made, and stored only as its SHA-256. Tokens are 256 random
bits, so a plain hash is enough: there is no dictionary to run against it, and a lookup by hash
gives an attacker no timing signal about the token itself.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from warmonitor.store.connection import Connection

ROLES = ("viewer", "analyst")

# Printed tokens start with this, so a leaked one is easy to recognise and search for.
TOKEN_PREFIX = "wm_"


@dataclass(frozen=True)
class User:
    name: str
    role: str  # one of ROLES
    created_at: str

    @property
    def may_review(self) -> bool:
        return self.role == "analyst"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def insert_user(conn: Connection, name: str, role: str, token: str, now: str) -> None:
    """Add a user; raises ValueError for a bad name or role, or a name already taken."""
    name = name.strip()
    if not name or len(name) > 100 or any(not ch.isprintable() for ch in name):
        raise ValueError("a user name is 1 to 100 printable characters")
    if role not in ROLES:
        raise ValueError(f"unknown role '{role}': give one of {', '.join(ROLES)}")
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise ValueError(f"user '{name}' exists; remove it first to give it a new token")
    conn.execute(
        "INSERT INTO users (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
        (name, role, token_hash(token), now),
    )


def delete_user(conn: Connection, name: str) -> bool:
    return conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 1


def select_user_by_token(conn: Connection, token: str) -> User | None:
    row = conn.execute(
        "SELECT name, role, created_at FROM users WHERE token_hash = ?", (token_hash(token),)
    ).fetchone()
    return User(row["name"], row["role"], row["created_at"]) if row else None


def select_users(conn: Connection) -> list[User]:
    rows = conn.execute("SELECT name, role, created_at FROM users ORDER BY name")
    return [User(row["name"], row["role"], row["created_at"]) for row in rows]
