"""burdenmap's Processing algorithms, one per module."""
