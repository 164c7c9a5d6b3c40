"""The version of dyad: a leaf module every stage may import (the package root is the public facade)."""

__version__ = "0.1.0"
