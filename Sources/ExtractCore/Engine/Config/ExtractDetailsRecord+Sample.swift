extension ExtractDetailsRecord {
    /// A details row with every column a sample job spells out set to the documented default:
    /// container `extracts`, a `yyyyMMdd` stamp, comma-delimited UTF-8 with header and `"` quotes,
    /// empty NULL token, no trigger, no compression, one real file under `Files`. The stores'
    /// sample jobs start from it and change what makes each sample different.
    ///
    /// - Parameters:
    ///   - sourceDatastoreType: `sqlite`, `warehouse`, ... as the store names its own database.
    ///   - sourceSchemaName: the source schema column, if the store fills it.
    public static func sample(
        extractName: String,
        sourceDatastoreType: String,
        sourceSchemaName: String? = nil
    ) -> ExtractDetailsRecord {
        var d = ExtractDetailsRecord(extractName: extractName)
        d.extractContainer = "extracts"
        d.extractFileNameTimestampFormat = "yyyyMMdd"
        d.filePropertiesColumnDelimiter = ","
        d.filePropertiesRowDelimiter = "\\n"
        d.filePropertiesEncoding = "UTF-8"
        d.filePropertiesQuoteCharacter = "\""
        d.filePropertiesHeader = true
        d.filePropertiesNullValue = ""
        d.isTriggerFile = false
        d.isCompressed = false
        d.extractFileNameOrdering = 1
        d.sourceDatastoreType = sourceDatastoreType
        d.sourceSchemaName = sourceSchemaName
        d.targetDatastoreType = "files"
        d.targetFileRootPath = "Files"
        d.forceSingleFile = true
        d.createdDate = "2024-01-15"
        d.createdBy = "system"
        return d
    }
}
