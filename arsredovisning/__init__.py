"""arsredovisning: årsredovisning för samordningsförbund (Finsam, lag 2003:1210)."""

__version__ = "0.1.0"
