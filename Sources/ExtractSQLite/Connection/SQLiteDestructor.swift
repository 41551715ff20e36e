import CExtractSQLite

/// The `SQLITE_TRANSIENT` destructor: tells `sqlite3_bind_text`/`_blob` to copy the bytes before
/// the call returns. It is a cast macro in `sqlite3.h` (`((sqlite3_destructor_type)-1)`), which
/// Swift does not import, so it is spelled out here.
let sqliteTransient = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
