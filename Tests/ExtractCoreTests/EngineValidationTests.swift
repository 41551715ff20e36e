import ExtractCore
import Testing

@Suite struct EngineValidationTests {
    @Test func everyProblemIsReportedWithJobAndColumn() {
        var m = ExtractConfigRecord(extractName: "BAD", extractTableName: "t", extractViewName: "v", isFullLoad: false)
        m.executionGroup = "G"
        var d = ExtractDetailsRecord(extractName: "BAD")
        d.outputFormat = "xlsx"
        d.extractDirectory = "{month}/{quarter}"
        d.extractFileNameTimestampFormat = "yyyyMMddQ"
        d.filePropertiesMaxRowsPerFile = 0
        d.isCompressed = true
        d.compressedType = "BROTLI"
        d.extractFileNamePeriodEndDay = 40
        d.sourceDatastoreId = "nowhere"
        let result = JobValidator().validate(ConfigSnapshot(jobs: [m], details: [d]))
        let columns = Set(result.errors.map { $0.column ?? "" })
        for column in [
            "extract_view_name", "output_format", "extract_directory", "extract_file_name_timestamp_format",
            "file_properties_max_rows_per_file", "compressed_type", "extract_file_name_period_end_day",
            "source_datastore_id", "incremental_column",
        ] {
            #expect(columns.contains(column), "missing issue for \(column): \(result.errors)")
        }
        #expect(result.errors.allSatisfy { $0.job == "BAD" })
        #expect(result.jobs.isEmpty)
        #expect(result.invalidJobs == ["BAD"])
        let text = result.errors.first { $0.column == "extract_directory" }!.description
        #expect(text.contains("extract BAD") && text.contains("{quarter}"))
    }

    @Test func validationProcedureIsParsedAndRefusedOnSQLite() {
        func job(_ name: String, validation: String?, schema: String?, datastore: String? = nil) -> (
            ExtractConfigRecord, ExtractDetailsRecord
        ) {
            let m = ExtractConfigRecord(
                extractName: name,
                extractTableName: "orders",
                validationProcedureName: validation,
                validationProcedureSchema: schema
            )
            var d = ExtractDetailsRecord(extractName: name)
            d.sourceDatastoreId = datastore
            return (m, d)
        }
        let jobs = [
            job("PG", validation: "sp_check", schema: "dbo", datastore: "wh"),
            job("LITE", validation: "sp_check", schema: nil, datastore: "lite"),
            job("SCHEMA_ONLY", validation: nil, schema: "dbo", datastore: "wh"),
            job("OWN_STORE", validation: "sp_check", schema: "default"),
        ]
        let datastores = [
            DatastoreRecord(id: "wh", kind: "postgresql", location: "postgresql://x/db"),
            DatastoreRecord(id: "lite", kind: "sqlite", location: "/tmp/x.sqlite"),
        ]
        // On a PostgreSQL store, a job without a datastore reads there: the procedure is fine.
        let onPostgres = JobValidator().validate(
            ConfigSnapshot(
                jobs: jobs.map(\.0),
                details: jobs.map(\.1),
                datastores: datastores,
                storeKind: "postgresql"
            )
        )
        #expect(onPostgres.jobs.map(\.name) == ["OWN_STORE", "PG"])
        #expect(
            onPostgres.jobs.first { $0.name == "PG" }?.validation
                == ValidationProcedure(schema: "dbo", name: "sp_check")
        )
        #expect(
            onPostgres.jobs.first { $0.name == "OWN_STORE" }?.validation
                == ValidationProcedure(schema: nil, name: "sp_check")
        )
        #expect(onPostgres.invalidJobs.sorted() == ["LITE", "SCHEMA_ONLY"])
        #expect(
            onPostgres.errors.contains {
                $0.job == "LITE" && $0.column == "validation_table_sp_name"
                    && $0.message.contains("SQLite has no stored procedures")
            }
        )
        #expect(
            onPostgres.errors.contains {
                $0.job == "SCHEMA_ONLY" && $0.column == "validation_table_sp_schema" && $0.value == "dbo"
            }
        )
        // On a SQLite store, the job without a datastore reads SQLite: refused too.
        let onSQLite = JobValidator().validate(
            ConfigSnapshot(
                jobs: jobs.map(\.0),
                details: jobs.map(\.1),
                datastores: datastores,
                storeKind: "sqlite"
            )
        )
        #expect(onSQLite.jobs.map(\.name) == ["PG"])
        #expect(onSQLite.errors.contains { $0.job == "OWN_STORE" && $0.column == "validation_table_sp_name" })
    }

    @Test func missingSourceMissingDetailsAndDuplicates() {
        let noSource = ExtractConfigRecord(extractName: "NOSRC")
        let noDetails = ExtractConfigRecord(extractName: "NODET", extractTableName: "t")
        let dup = ExtractConfigRecord(extractName: "DUP", extractTableName: "t")
        let inactive = ExtractConfigRecord(extractName: "OFF", isActive: false)
        let details = [
            ExtractDetailsRecord(extractName: "NOSRC"), ExtractDetailsRecord(extractName: "DUP"),
            ExtractDetailsRecord(extractName: "DUP"), ExtractDetailsRecord(extractName: "ORPHAN"),
        ]
        let result = JobValidator().validate(
            ConfigSnapshot(jobs: [noSource, noDetails, dup, inactive], details: details)
        )
        #expect(result.invalidJobs.sorted() == ["DUP", "NODET", "NOSRC"])
        #expect(result.errors.contains { $0.job == "NOSRC" && $0.message.contains("no source") })
        #expect(
            result.errors.contains {
                $0.job == "NODET" && $0.message.contains("no config_extract_generation_details row")
            }
        )
        #expect(
            result.errors.contains {
                $0.job == "DUP" && $0.message.contains("2 config_extract_generation_details rows")
            }
        )
        #expect(result.issues.contains { $0.job == "ORPHAN" && $0.severity == .warning })
        #expect(!result.issues.contains { $0.job == "OFF" })
    }

    @Test func nullsTakeTheDocumentedDefaults() throws {
        let m = ExtractConfigRecord(extractName: "DEF", extractTableName: "t", extractTableSchema: "default")
        var d = ExtractDetailsRecord(extractName: "DEF")
        d.outputFormat = "DAT"
        var issues: [ValidationIssue] = []
        let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
        #expect(issues.isEmpty)
        #expect(j.source == .table(schema: nil, name: "t"))
        #expect(j.format == .dat)
        #expect(j.fileProperties.delimiter == "|")
        #expect(j.fileProperties.quote == "\"")
        #expect(j.fileProperties.header)
        #expect(j.forceSingleFile)
        #expect(j.triggerExtension == nil)
        #expect(j.naming.fileExtension == "dat")
        #expect(j.naming.container.pattern == "extracts")
        #expect(j.naming.fileName.pattern == "DEF")
        #expect(j.compression == .none)
    }

    @Test func delimitersAcceptEscapesAndTriggerDefaultsToDone() throws {
        let m = ExtractConfigRecord(extractName: "TSV", extractSQL: "SELECT 1")
        var d = ExtractDetailsRecord(extractName: "TSV")
        d.outputFormat = "tsv"
        d.filePropertiesColumnDelimiter = "\\t"
        d.filePropertiesRowDelimiter = "\\r\\n"
        d.filePropertiesQuoteCharacter = ""
        d.filePropertiesEscapeCharacter = "\\"
        d.isTriggerFile = true
        var issues: [ValidationIssue] = []
        let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
        #expect(j.fileProperties.delimiter == "\t")
        #expect(j.fileProperties.rowDelimiter == .crlf)
        #expect(issues.isEmpty, "\(issues)")
        #expect(j.fileProperties.quote == nil)
        #expect(j.triggerExtension == ".done")
        #expect(j.source == .sql("SELECT 1"))
    }

    @Test func badDelimiterEncodingAndRowDelimiter() {
        let m = ExtractConfigRecord(extractName: "X", extractTableName: "t")
        var d = ExtractDetailsRecord(extractName: "X")
        d.filePropertiesColumnDelimiter = ";;;;;;"
        d.filePropertiesEncoding = "latin-1"
        d.filePropertiesRowDelimiter = "\\r"
        d.filePropertiesQuoteCharacter = "ab"
        var issues: [ValidationIssue] = []
        _ = JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues)
        let columns = Set(issues.map { $0.column ?? "" })
        #expect(
            columns == [
                "file_properties_column_delimiter", "file_properties_encoding",
                "file_properties_row_delimiter", "file_properties_quote_character",
            ]
        )
    }
}
