"""parquet_format.py: the Parquet file format read independently of every Parquet library, for
tools/parquet_check.py.

A strict Thrift compact-protocol decoder driven by a table of the parquet.thrift structs this
project meets (wrong wire types, missing required fields, bad unions and trailing bytes are
errors), and a walker that checks the footer, the schema, every column chunk and every page
header, decompresses every page and decodes its levels and dictionary indices.
"""
import struct
import zlib

# ---------------------------------------------------------------------------------------------
# Thrift compact protocol
# ---------------------------------------------------------------------------------------------

STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)
WIRE = {"bool": {TRUE, FALSE}, "i8": {BYTE}, "i16": {I16}, "i32": {I32}, "i64": {I64},
        "double": {DOUBLE}, "binary": {BINARY}, "string": {BINARY}}
ELEMENT = {"bool": TRUE, "i8": BYTE, "i16": I16, "i32": I32, "i64": I64, "double": DOUBLE,
           "binary": BINARY, "string": BINARY}


class FormatError(Exception):
    """The bytes break the Parquet or Thrift specification."""


def f(name, kind, required=False):
    return (name, kind, required)


# struct -> {field id: (name, type, required)}; a type is a scalar name, a struct name, or
# ("list", element type). Names ending in "?" are unions: exactly one field set.
STRUCTS = {
    "FileMetaData": {1: f("version", "i32", True), 2: f("schema", ("list", "SchemaElement"), True),
                     3: f("num_rows", "i64", True), 4: f("row_groups", ("list", "RowGroup"), True),
                     5: f("key_value_metadata", ("list", "KeyValue")), 6: f("created_by", "string"),
                     7: f("column_orders", ("list", "ColumnOrder?")),
                     8: f("encryption_algorithm", "Opaque"), 9: f("footer_signing_key_metadata", "binary")},
    "KeyValue": {1: f("key", "string", True), 2: f("value", "string")},
    "SchemaElement": {1: f("type", "i32"), 2: f("type_length", "i32"), 3: f("repetition_type", "i32"),
                      4: f("name", "string", True), 5: f("num_children", "i32"), 6: f("converted_type", "i32"),
                      7: f("scale", "i32"), 8: f("precision", "i32"), 9: f("field_id", "i32"),
                      10: f("logicalType", "LogicalType?")},
    "LogicalType?": {1: f("STRING", "Empty"), 2: f("MAP", "Empty"), 3: f("LIST", "Empty"), 4: f("ENUM", "Empty"),
                     5: f("DECIMAL", "DecimalType"), 6: f("DATE", "Empty"), 7: f("TIME", "TimeType"),
                     8: f("TIMESTAMP", "TimestampType"), 10: f("INTEGER", "IntType"), 11: f("UNKNOWN", "Empty"),
                     12: f("JSON", "Empty"), 13: f("BSON", "Empty"), 14: f("UUID", "Empty"),
                     15: f("FLOAT16", "Empty"), 16: f("VARIANT", "Opaque"), 17: f("GEOMETRY", "Opaque"),
                     18: f("GEOGRAPHY", "Opaque")},
    "Empty": {},
    "Opaque": None,  # skipped without checking
    "DecimalType": {1: f("scale", "i32", True), 2: f("precision", "i32", True)},
    "TimeUnit?": {1: f("MILLIS", "Empty"), 2: f("MICROS", "Empty"), 3: f("NANOS", "Empty")},
    "TimeType": {1: f("isAdjustedToUTC", "bool", True), 2: f("unit", "TimeUnit?", True)},
    "TimestampType": {1: f("isAdjustedToUTC", "bool", True), 2: f("unit", "TimeUnit?", True)},
    "IntType": {1: f("bitWidth", "i8", True), 2: f("isSigned", "bool", True)},
    "ColumnOrder?": {1: f("TYPE_ORDER", "Empty")},
    "RowGroup": {1: f("columns", ("list", "ColumnChunk"), True), 2: f("total_byte_size", "i64", True),
                 3: f("num_rows", "i64", True), 4: f("sorting_columns", ("list", "SortingColumn")),
                 5: f("file_offset", "i64"), 6: f("total_compressed_size", "i64"), 7: f("ordinal", "i16")},
    "SortingColumn": {1: f("column_idx", "i32", True), 2: f("descending", "bool", True),
                      3: f("nulls_first", "bool", True)},
    "ColumnChunk": {1: f("file_path", "string"), 2: f("file_offset", "i64"), 3: f("meta_data", "ColumnMetaData"),
                    4: f("offset_index_offset", "i64"), 5: f("offset_index_length", "i32"),
                    6: f("column_index_offset", "i64"), 7: f("column_index_length", "i32"),
                    8: f("crypto_metadata", "Opaque"), 9: f("encrypted_column_metadata", "binary")},
    "ColumnMetaData": {1: f("type", "i32", True), 2: f("encodings", ("list", "i32"), True),
                       3: f("path_in_schema", ("list", "string"), True), 4: f("codec", "i32", True),
                       5: f("num_values", "i64", True), 6: f("total_uncompressed_size", "i64", True),
                       7: f("total_compressed_size", "i64", True), 8: f("key_value_metadata", ("list", "KeyValue")),
                       9: f("data_page_offset", "i64", True), 10: f("index_page_offset", "i64"),
                       11: f("dictionary_page_offset", "i64"), 12: f("statistics", "Statistics"),
                       13: f("encoding_stats", ("list", "PageEncodingStats")),
                       14: f("bloom_filter_offset", "i64"), 15: f("bloom_filter_length", "i32"),
                       16: f("size_statistics", "SizeStatistics"), 17: f("geospatial_statistics", "Opaque")},
    "Statistics": {1: f("max", "binary"), 2: f("min", "binary"), 3: f("null_count", "i64"),
                   4: f("distinct_count", "i64"), 5: f("max_value", "binary"), 6: f("min_value", "binary"),
                   7: f("is_max_value_exact", "bool"), 8: f("is_min_value_exact", "bool"),
                   9: f("nan_count", "i64")},
    "SizeStatistics": {1: f("unencoded_byte_array_data_bytes", "i64"),
                       2: f("repetition_level_histogram", ("list", "i64")),
                       3: f("definition_level_histogram", ("list", "i64"))},
    "PageEncodingStats": {1: f("page_type", "i32", True), 2: f("encoding", "i32", True), 3: f("count", "i32", True)},
    "PageHeader": {1: f("type", "i32", True), 2: f("uncompressed_page_size", "i32", True),
                   3: f("compressed_page_size", "i32", True), 4: f("crc", "i32"),
                   5: f("data_page_header", "DataPageHeader"), 6: f("index_page_header", "Empty"),
                   7: f("dictionary_page_header", "DictionaryPageHeader"),
                   8: f("data_page_header_v2", "DataPageHeaderV2")},
    "DataPageHeader": {1: f("num_values", "i32", True), 2: f("encoding", "i32", True),
                       3: f("definition_level_encoding", "i32", True), 4: f("repetition_level_encoding", "i32", True),
                       5: f("statistics", "Statistics")},
    "DictionaryPageHeader": {1: f("num_values", "i32", True), 2: f("encoding", "i32", True), 3: f("is_sorted", "bool")},
    "DataPageHeaderV2": {1: f("num_values", "i32", True), 2: f("num_nulls", "i32", True), 3: f("num_rows", "i32", True),
                         4: f("encoding", "i32", True), 5: f("definition_levels_byte_length", "i32", True),
                         6: f("repetition_levels_byte_length", "i32", True), 7: f("is_compressed", "bool"),
                         8: f("statistics", "Statistics")},
    "OffsetIndex": {1: f("page_locations", ("list", "PageLocation"), True),
                    2: f("unencoded_byte_array_data_bytes", ("list", "i64"))},
    "PageLocation": {1: f("offset", "i64", True), 2: f("compressed_page_size", "i32", True),
                     3: f("first_row_index", "i64", True)},
    "ColumnIndex": {1: f("null_pages", ("list", "bool"), True), 2: f("min_values", ("list", "binary"), True),
                    3: f("max_values", ("list", "binary"), True), 4: f("boundary_order", "i32", True),
                    5: f("null_counts", ("list", "i64")), 6: f("repetition_level_histograms", ("list", "i64")),
                    7: f("definition_level_histograms", ("list", "i64"))},
}


class Compact:
    """Reads one Thrift compact-protocol struct from `data` at `pos`, checked against STRUCTS."""

    def __init__(self, data, pos=0):
        self.data, self.pos = data, pos

    def byte(self):
        if self.pos >= len(self.data):
            raise FormatError("Thrift data ends early")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def varint(self):
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 70:
                raise FormatError("varint longer than 10 bytes")

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def binary(self):
        n = self.varint()
        if self.pos + n > len(self.data):
            raise FormatError(f"binary of {n} bytes runs past the end")
        value = bytes(self.data[self.pos:self.pos + n])
        self.pos += n
        return value

    def skip(self, wire):
        if wire in (TRUE, FALSE):
            return
        if wire == BYTE:
            self.byte()
        elif wire in (I16, I32, I64):
            self.varint()
        elif wire == DOUBLE:
            self.pos += 8
        elif wire == BINARY:
            self.binary()
        elif wire in (LIST, SET):
            header = self.byte()
            size = header >> 4 if header >> 4 != 15 else self.varint()
            element = header & 0x0F
            for _ in range(size):
                if element in (TRUE, FALSE):
                    self.byte()
                else:
                    self.skip(element)
        elif wire == MAP:
            size = self.varint()
            if size:
                kinds = self.byte()
                for _ in range(size):
                    self.skip(kinds >> 4)
                    self.skip(kinds & 0x0F)
        elif wire == STRUCT:
            last = 0
            while True:
                header = self.byte()
                if header == STOP:
                    return
                delta = header >> 4
                last = last + delta if delta else self.zigzag()
                self.skip(header & 0x0F)
        else:
            raise FormatError(f"unknown wire type {wire}")

    def value(self, kind, wire, where):
        if isinstance(kind, tuple):
            if wire != LIST:
                raise FormatError(f"{where}: wire type {wire}, expected a list")
            header = self.byte()
            size = header >> 4 if header >> 4 != 15 else self.varint()
            element = header & 0x0F
            inner = kind[1]
            expected = ELEMENT.get(inner, STRUCT)
            if element != expected and not (expected == TRUE and element in (TRUE, FALSE)):
                raise FormatError(f"{where}: list element wire type {element}, expected {expected}")
            if inner == "bool":
                return [self.byte() == 1 for _ in range(size)]
            return [self.value(inner, element, f"{where}[{i}]") for i in range(size)]
        if kind in WIRE:
            if wire not in WIRE[kind]:
                raise FormatError(f"{where}: wire type {wire}, expected {kind}")
            if kind == "bool":
                return wire == TRUE
            if kind == "i8":
                b = self.byte()
                return b - 256 if b > 127 else b
            if kind in ("i16", "i32", "i64"):
                return self.zigzag()
            if kind == "double":
                value = struct.unpack_from("<d", self.data, self.pos)[0]
                self.pos += 8
                return value
            raw = self.binary()
            if kind == "string":
                try:
                    return raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise FormatError(f"{where}: string is not UTF-8")
            return raw
        if wire != STRUCT:
            raise FormatError(f"{where}: wire type {wire}, expected struct {kind}")
        return self.read(kind, where)

    def read(self, name, where=None):
        where = where or name
        spec = STRUCTS[name]
        if spec is None:
            self.skip(STRUCT)
            return {}
        result, last = {}, 0
        while True:
            header = self.byte()
            if header == STOP:
                break
            delta, wire = header >> 4, header & 0x0F
            field_id = last + delta if delta else self.zigzag()
            last = field_id
            if field_id not in spec:
                self.skip(wire)  # a field newer than this table: allowed by Thrift
                continue
            field_name, kind, _ = spec[field_id]
            if field_name in result:
                raise FormatError(f"{where}.{field_name} appears twice")
            result[field_name] = self.value(kind, wire, f"{where}.{field_name}")
        for field_name, _, required in spec.values():
            if required and field_name not in result:
                raise FormatError(f"{where}: required field {field_name} missing")
        if name.endswith("?") and len(result) != 1:
            raise FormatError(f"{where}: union with {len(result)} fields set, expected 1")
        return result


def decode(data, name, pos=0):
    """(struct, end position) of a `name` struct at `pos`."""
    reader = Compact(data, pos)
    value = reader.read(name)
    return value, reader.pos


# ---------------------------------------------------------------------------------------------
# Enumerations
# ---------------------------------------------------------------------------------------------

BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE_T, BYTE_ARRAY, FIXED = range(8)
TYPE_NAMES = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"]
CODECS = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"]
PLAIN, PLAIN_DICTIONARY, RLE, BIT_PACKED, DELTA_BP, DELTA_LBA, DELTA_BA, RLE_DICTIONARY, BSS = 0, 2, 3, 4, 5, 6, 7, 8, 9
DATA_PAGE, INDEX_PAGE, DICTIONARY_PAGE, DATA_PAGE_V2 = range(4)
REQUIRED, OPTIONAL, REPEATED = range(3)
FIXED_WIDTH = {INT32: 4, INT64: 8, INT96: 12, FLOAT: 4, DOUBLE_T: 8}


def decompress(codec, data, size):
    if codec == 0:
        return data
    if codec == 2:
        return zlib.decompress(data, 47)
    import cramjam
    if codec == 1:
        return bytes(cramjam.snappy.decompress_raw(data))
    if codec == 6:
        return bytes(cramjam.zstd.decompress(data))
    if codec == 7:
        return bytes(cramjam.lz4.decompress_block(data, output_len=size))
    if codec == 4:
        return bytes(cramjam.brotli.decompress(data))
    if codec == 5:  # Hadoop LZ4 framing: big-endian lengths around raw blocks
        out, pos = b"", 0
        while pos < len(data):
            total, compressed = struct.unpack_from(">II", data, pos)
            out += bytes(cramjam.lz4.decompress_block(data[pos + 8:pos + 8 + compressed], output_len=total))
            pos += 8 + compressed
        return out
    raise FormatError(f"codec {CODECS[codec] if codec < len(CODECS) else codec} is not supported")


def hybrid(data, pos, end, bit_width, count):
    """`count` values of the RLE/bit-packed hybrid encoding in data[pos:end]."""
    values = []
    byte_width = (bit_width + 7) // 8
    while len(values) < count:
        if pos >= end:
            raise FormatError(f"RLE/bit-packed run ends after {len(values)} of {count} values")
        header, shift = 0, 0
        while True:
            b = data[pos]
            pos += 1
            header |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if header & 1:
            groups = header >> 1
            nbytes = groups * bit_width
            if pos + nbytes > end:
                raise FormatError("bit-packed run runs past its stream")
            bits = int.from_bytes(data[pos:pos + nbytes], "little")
            mask = (1 << bit_width) - 1
            for i in range(groups * 8):
                values.append((bits >> (i * bit_width)) & mask if bit_width else 0)
            pos += nbytes
        else:
            run = header >> 1
            if pos + byte_width > end:
                raise FormatError("RLE run runs past its stream")
            value = int.from_bytes(data[pos:pos + byte_width], "little")
            if bit_width and value >> bit_width:
                raise FormatError(f"RLE value {value} wider than {bit_width} bits")
            pos += byte_width
            values.extend([value] * run)
    return values[:count], pos


def plain_size(data, pos, end, physical, type_length, count):
    """Checks that `count` PLAIN values fill data[pos:end] exactly."""
    if physical == BOOLEAN:
        need = (count + 7) // 8
    elif physical == FIXED:
        need = count * type_length
    elif physical == BYTE_ARRAY:
        for i in range(count):
            if pos + 4 > end:
                raise FormatError(f"PLAIN BYTE_ARRAY value {i} of {count}: length runs past the page")
            (length,) = struct.unpack_from("<I", data, pos)
            pos += 4 + length
            if pos > end:
                raise FormatError(f"PLAIN BYTE_ARRAY value {i} of {count} runs past the page")
        if pos != end:
            raise FormatError(f"{end - pos} bytes after the last PLAIN BYTE_ARRAY value")
        return
    else:
        need = count * FIXED_WIDTH[physical]
    if end - pos != need:
        raise FormatError(f"PLAIN values take {end - pos} bytes, {count} values need {need}")


def delta_header(data, pos):
    reader = Compact(data, pos)
    block, miniblocks, total = reader.varint(), reader.varint(), reader.varint()
    reader.zigzag()
    if block == 0 or block % 128 or miniblocks == 0 or (block // miniblocks) % 32:
        raise FormatError(f"DELTA_BINARY_PACKED header: block {block}, {miniblocks} miniblocks")
    return total


class Leaf:
    """A leaf column of the schema: its element, path and maximum levels."""

    def __init__(self, element, path, max_def, max_rep):
        self.element, self.path, self.max_def, self.max_rep = element, path, max_def, max_rep
        self.physical = element.get("type")
        self.logical = element.get("logicalType", {})
        self.name = ".".join(path)


def schema_leaves(schema):
    """The leaves of the flattened schema tree; FormatError when the tree is malformed."""
    if not schema or "type" in schema[0] and schema[0].get("num_children") is None:
        raise FormatError("the schema root is not a group")
    leaves, pos = [], 1

    def walk(count, path, max_def, max_rep):
        nonlocal pos
        for _ in range(count):
            if pos >= len(schema):
                raise FormatError("the schema tree ends before its num_children are all listed")
            element = schema[pos]
            pos += 1
            repetition = element.get("repetition_type")
            if repetition is None:
                raise FormatError(f"schema element {element['name']} has no repetition_type")
            d = max_def + (repetition != REQUIRED)
            r = max_rep + (repetition == REPEATED)
            children = element.get("num_children")
            if children:
                if "type" in element:
                    raise FormatError(f"group {element['name']} has a physical type")
                walk(children, path + [element["name"]], d, r)
            else:
                if "type" not in element:
                    raise FormatError(f"leaf {element['name']} has no physical type")
                leaves.append(Leaf(element, path + [element["name"]], d, r))

    walk(schema[0].get("num_children", 0), [], 0, 0)
    if pos != len(schema):
        raise FormatError(f"{len(schema) - pos} schema elements outside the tree")
    return leaves
