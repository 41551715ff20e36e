#!/usr/bin/env python3
"""Reads Parquet files with pyarrow and prints, per file, each top-level column as canonical
cell texts (the form the Swift conformance tests build from a ColumnBatch):

  NULL -> "∅"; bool -> true/false; integers, dates (days), times and timestamps (units since
  1970, INT96 as microseconds) and decimals (unscaled integer) -> decimal text; float/double ->
  repr of the value widened to double ("nan" for every NaN); strings and binaries -> hex of the
  bytes (UUID as its canonical text). Nested columns: {"nested": "<arrow type>"}.

Usage: parquet_read_pyarrow.py FILE... > out.json  (one JSON object: path -> result)
"""
import json
import struct
import sys
import uuid

import pyarrow as pa
import pyarrow.parquet as pq


def cell(value, typ):
    if value is None:
        return "∅"
    if pa.types.is_boolean(typ):
        return "true" if value else "false"
    if pa.types.is_floating(typ):
        v = float(value)
        return "nan" if v != v else "d%d" % struct.unpack("<q", struct.pack("<d", v))[0]
    if pa.types.is_decimal(typ):
        return str(int(value.scaleb(typ.scale)))
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, str):
        return value.encode("utf-8").hex()
    if isinstance(value, uuid.UUID):
        return str(value).encode().hex()
    return str(int(value))


def storage(array):
    typ = array.type
    if isinstance(typ, pa.ExtensionType):
        if typ.extension_name == "arrow.uuid":
            return [None if v is None else str(uuid.UUID(bytes=v)).encode().hex()
                    for v in array.storage.to_pylist()], None
        array = array.storage
        typ = array.type
    if pa.types.is_timestamp(typ) or pa.types.is_date(typ) or pa.types.is_time(typ) or pa.types.is_duration(typ):
        array = array.cast(pa.int64() if typ.bit_width == 64 else pa.int32())
    if pa.types.is_float16(typ):
        array = array.cast(pa.float32())
    return array.to_pylist(), array.type


def read(path):
    try:
        table = pq.read_table(path, coerce_int96_timestamp_unit="us")
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {e}"}
    columns = []
    for name, column in zip(table.column_names, table.columns):
        typ = column.type
        if pa.types.is_nested(typ):
            columns.append({"name": name, "nested": str(typ)})
            continue
        if pa.types.is_dictionary(typ):
            column = column.cast(typ.value_type)
        array = column.combine_chunks()
        values, physical = storage(array)
        if physical is None:
            columns.append({"name": name, "type": str(typ), "values": [v if v is not None else "∅" for v in values]})
        else:
            columns.append({"name": name, "type": str(typ), "values": [cell(v, physical) for v in values]})
    return {"rows": table.num_rows, "columns": columns}


if __name__ == "__main__":
    json.dump({p: read(p) for p in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
