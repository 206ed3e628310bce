"""The exceptions warmonitor raises. Each message names what went wrong and what to do next;
only the CLI turns them into a printed line and an exit code.

    WarmonitorError
     ├── ConfigError        a setting or configuration file is wrong
     ├── InputError         one input (file, record, URL) cannot be read; the others go on
     ├── ModelError         the spaCy model is missing or broken: re-run the set-up
     ├── GazetteerError     the gazetteer cannot be built or opened
     └── StoreError         the database cannot be opened or written
"""


class WarmonitorError(Exception):
    """Base of every error warmonitor raises on purpose."""


class ConfigError(WarmonitorError):
    pass


class InputError(WarmonitorError):
    """Raised with a one-line message that starts with the input's name."""

    def __init__(self, source_id: str, message: str):
        super().__init__(f"{source_id}: {message}")
        self.source_id = source_id
        self.reason = message


class ModelError(WarmonitorError):
    pass


class GazetteerError(WarmonitorError):
    pass


class StoreError(WarmonitorError):
    pass
