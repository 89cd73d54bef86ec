"""The device side of the ESPHome native API framing: plaintext and Noise
(Noise_NNpsk0_25519_ChaChaPoly_SHA256, responder role)."""

from __future__ import annotations

import asyncio
import base64

from cryptography.exceptions import InvalidTag
from noise.connection import NoiseConnection

NOISE_PROTOCOL = b"Noise_NNpsk0_25519_ChaChaPoly_SHA256"
# "NoiseAPIInit" followed by the 2-byte length of the (empty) client hello.
NOISE_PROLOGUE = b"NoiseAPIInit\x00\x00"
MAX_FRAME = 65535


class FramingError(Exception):
    """The peer spoke the wrong protocol or failed the handshake; the connection must close."""


async def _read_varuint(reader: asyncio.StreamReader) -> int:
    result = shift = 0
    while True:
        byte = (await reader.readexactly(1))[0]
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result
        shift += 7
        if shift > 28:
            raise FramingError("varuint too long")


def _varuint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


class PlainFraming:
    """`0x00 varuint(len) varuint(type) payload`."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def handshake(self, name: str, mac: str) -> None:
        """Nothing to negotiate; a Noise client is told (in plaintext) and refused."""

    async def read(self) -> tuple[int, bytes]:
        marker = (await self._reader.readexactly(1))[0]
        if marker != 0x00:
            # What firmware does: answer in plaintext so the client can explain the mismatch.
            self._writer.write(b"\x00" + _varuint(0) + _varuint(0))
            raise FramingError("client tried an encrypted session on a plaintext device")
        length = await _read_varuint(self._reader)
        msg_type = await _read_varuint(self._reader)
        return msg_type, await self._reader.readexactly(length)

    def write(self, msg_type: int, payload: bytes) -> None:
        self._writer.write(b"\x00" + _varuint(len(payload)) + _varuint(msg_type) + payload)


class NoiseFraming:
    """`0x01 len16 frame`; handshake frames then encrypted `type16 len16 payload`."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, psk: str
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._psk = base64.b64decode(psk)
        self._proto: NoiseConnection | None = None

    async def _read_frame(self) -> bytes:
        header = await self._reader.readexactly(3)
        if header[0] != 0x01:
            # A plaintext client: reply with a Noise-marked frame ("encryption required").
            self._write_frame(b"\x01")
            raise FramingError("client tried plaintext on an encrypted device")
        return await self._reader.readexactly((header[1] << 8) | header[2])

    def _write_frame(self, frame: bytes) -> None:
        self._writer.write(bytes((0x01, len(frame) >> 8, len(frame) & 0xFF)) + frame)

    async def handshake(self, name: str, mac: str) -> None:
        await self._read_frame()  # the client hello (empty)
        self._write_frame(b"\x01" + name.encode() + b"\x00" + mac.encode() + b"\x00")
        message = await self._read_frame()
        if not message or message[0] != 0x00:
            raise FramingError("bad handshake frame")
        proto = NoiseConnection.from_name(NOISE_PROTOCOL)
        proto.set_as_responder()
        proto.set_psks(self._psk)
        proto.set_prologue(NOISE_PROLOGUE)
        proto.start_handshake()
        try:
            proto.read_message(message[1:])
        except InvalidTag:
            self._write_frame(b"\x01Handshake MAC failure")
            raise FramingError("client used a different encryption key") from None
        self._write_frame(b"\x00" + proto.write_message())
        self._proto = proto

    async def read(self) -> tuple[int, bytes]:
        assert self._proto is not None
        data = self._proto.decrypt(await self._read_frame())
        msg_type = (data[0] << 8) | data[1]
        length = (data[2] << 8) | data[3]
        return msg_type, bytes(data[4 : 4 + length])

    def write(self, msg_type: int, payload: bytes) -> None:
        assert self._proto is not None
        header = bytes((msg_type >> 8, msg_type & 0xFF, len(payload) >> 8, len(payload) & 0xFF))
        self._write_frame(self._proto.encrypt(header + payload))
