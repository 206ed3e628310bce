"""warmonitor: news reports in, a source-attributed, geolocated record of armed conflict out."""

__version__ = "0.1.0"
