"""DTN Reader: an offline reader for signed threat-assessment bundles."""

__version__ = "0.1.0"
