"""Writes safetensors files by hand (the safetensors package is not needed), float32 only."""
import json
import struct


def write_safetensors(path, tensors, meta):
    """Writes {name: torch tensor} and a string->string metadata map in the safetensors format."""
    header = {"__metadata__": meta}
    offset = 0
    blobs = []
    for name, t in tensors.items():
        data = t.contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
