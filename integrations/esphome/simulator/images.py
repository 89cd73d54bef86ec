"""Camera frames of the simulated device: a fixed test card and the chunking firmware does."""

from __future__ import annotations

from aioesphomeapi import api_pb2 as pb

# Firmware sends a frame in pieces no larger than its send buffer; 1 KiB is a typical size.
CHUNK_SIZE = 1024

# A 16x16 baseline JPEG (JFIF, 4:2:0): a dark doorway on a light wall, 368 bytes.
TEST_CARD_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb0043000d090a0b0a080d0b0a0b0e0e0d0f1320151312"
    "1213271c1e17202e2931302e292d2c333a4a3e333646372c2d405741464c4e525352323e5a615a50604a5152"
    "4fffdb0043010e0e0e131113261515264f352d354f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f"
    "4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4fffc000110800100010030122000211010311"
    "01ffc400160001010100000000000000000000000000030405ffc40023100001010607010000000000000000"
    "00000102000405111314030612315183c207ffc4001501010100000000000000000000000000000103ffc400"
    "1c11000103050000000000000000000000000200011203111421e1ffda000c03010002110311003f00bf31c5"
    "5e2136d6e8c2555d53a809da5c11cb26588b3c45ee6e11849a5a34d3046f3de64f0d9f9f5320e1d9e593e7a9"
    "998875fa68388e3cedbea42a3cd7ffd9"
)


def frame_chunks(
    key: int, data: bytes, chunk_size: int = CHUNK_SIZE
) -> list[pb.CameraImageResponse]:
    """One frame as the device sends it: consecutive pieces, `done` set on the last."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    pieces = [data[i : i + chunk_size] for i in range(0, len(data), chunk_size)] or [b""]
    last = len(pieces) - 1
    return [
        pb.CameraImageResponse(key=key, data=piece, done=index == last)
        for index, piece in enumerate(pieces)
    ]
