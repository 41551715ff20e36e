import ExtractCore
import Testing

@Suite struct EnginePathTests {
    let values = PathValues(
        time: CivilDateTime(year: 2024, month: 7, day: 5, hour: 9, minute: 8, second: 7),
        executionGroup: "CUSTOMER_EXTRACTS",
        extractName: "SAMPLE_CUSTOMERS",
        runId: "r-1"
    )

    @Test func placeholdersRenderEveryDocumentedValue() throws {
        let t = try PathTemplate("{execution_group}/{extract_name}/{year}/{month}/{day}/{hour}")
        #expect(t.render(values) == "CUSTOMER_EXTRACTS/SAMPLE_CUSTOMERS/2024/07/05/09")
        #expect(try PathTemplate("{extract_name}_{timestamp}").render(values) == "SAMPLE_CUSTOMERS_20240705_090807")
        #expect(try PathTemplate("x_{date}_{run_id}").render(values) == "x_20240705_r-1")
        #expect(try PathTemplate("a{{b}}c").render(values) == "a{b}c")
    }

    @Test func unknownPlaceholderAndUnbalancedBracesAreErrors() {
        #expect(throws: ExtractError.self) { try PathTemplate("{nope}") }
        #expect(throws: ExtractError.self) { try PathTemplate("abc{year") }
        #expect(throws: ExtractError.self) { try PathTemplate("abc}") }
        do { _ = try PathTemplate("{Year}"); Issue.record("accepted {Year}") } catch let e as ExtractError {
            #expect(e.message.contains("unknown placeholder {Year}"))
        } catch { Issue.record("\(error)") }
    }

    @Test func javaTimestampFormatIsTokenisedNotSubstituted() throws {
        let t = CivilDateTime(year: 2024, month: 7, day: 25, hour: 14, minute: 25, second: 30, microsecond: 123_456)
        #expect(try DateFormatPattern("yyyyMMdd_HHmmss").format(t) == "20240725_142530")
        #expect(try DateFormatPattern("yyMMdd").format(t) == "240725")
        #expect(try DateFormatPattern("HHmmssSSS").format(t) == "142530123")
        #expect(try DateFormatPattern("yyyy-MM-dd'T'HH").format(t) == "2024-07-25T14")
        #expect(throws: ExtractError.self) { try DateFormatPattern("yyyyMMddQ") }
        #expect(throws: ExtractError.self) { try DateFormatPattern("yyyMM") }
    }

    @Test func periodEndDayUsesThisMonthFromDayNAndClampsShortMonths() {
        let onDay = periodEndDate(day: 25, onOrBefore: CivilDateTime(year: 2024, month: 7, day: 25))
        #expect(onDay.isoDate == "2024-07-25")
        let before = periodEndDate(day: 25, onOrBefore: CivilDateTime(year: 2024, month: 7, day: 24))
        #expect(before.isoDate == "2024-06-25")
        let january = periodEndDate(day: 31, onOrBefore: CivilDateTime(year: 2024, month: 1, day: 5))
        #expect(january.isoDate == "2023-12-31")
        let shortMonth = periodEndDate(day: 31, onOrBefore: CivilDateTime(year: 2024, month: 3, day: 10))
        #expect(shortMonth.isoDate == "2024-02-29")
        let lastDay = periodEndDate(day: 31, onOrBefore: CivilDateTime(year: 2024, month: 6, day: 30))
        #expect(lastDay.isoDate == "2024-06-30")
    }

    @Test func civilTimeRoundTripsAndKnowsLeapYears() {
        let t = CivilDateTime(epochMicroseconds: 1_721_917_530_123_456)
        #expect(t.isoTimestamp == "2024-07-25T14:25:30.123456Z")
        #expect(CivilDateTime(epochMicroseconds: t.epochMicroseconds) == t)
        #expect(CivilDateTime(year: 2000, month: 3, day: 1).addingDays(-1).isoDate == "2000-02-29")
        #expect(CivilDateTime(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
    }

    @Test func layoutBuildsDocumentedNames() throws {
        let (m, d) = job("SAMPLE_CUSTOMERS", group: "CUSTOMER_EXTRACTS") { _, d in
            d.targetFileRootPath = "Files"
            d.extractContainer = "extracts"
            d.extractDirectory = "{execution_group}/{extract_name}/{year}/{month}"
            d.extractFileName = "customers"
            d.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
            d.isTriggerFile = true
        }
        var issues: [ValidationIssue] = []
        let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
        let layout = try OutputLayout.resolve(
            job: j,
            rootDirectory: "/out",
            values: PathValues(
                time: fixedTime,
                executionGroup: "CUSTOMER_EXTRACTS",
                extractName: j.name,
                runId: "r"
            )
        )
        #expect(layout.directory == "/out/Files/extracts/CUSTOMER_EXTRACTS/SAMPLE_CUSTOMERS/2024/07")
        #expect(layout.fileName(part: 1) == "customers_20240725_142530.csv")
        #expect(layout.triggerName == "customers_20240725_142530.csv.done")
    }

    @Test func partsAreNumberedFromTheFirstAndCodecsAddSuffixes() throws {
        let (m, d) = job("ORDERS") { _, d in
            d.extractFileName = "orders"
            d.filePropertiesMaxRowsPerFile = 10
            d.isCompressed = true
            d.compressedType = "gzip"
            d.isTriggerFile = true
        }
        var issues: [ValidationIssue] = []
        let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
        let layout = try OutputLayout.resolve(
            job: j,
            rootDirectory: "/o",
            values: PathValues(
                time: fixedTime,
                executionGroup: nil,
                extractName: "ORDERS",
                runId: "r"
            )
        )
        #expect(layout.fileName(part: 1) == "orders_part0001.csv.gz")
        #expect(layout.fileName(part: 12) == "orders_part0012.csv.gz")
        #expect(layout.triggerName == "orders.csv.gz.done")
    }

    @Test func zipArchiveNameAndEntries() throws {
        let (m, d) = job("Z") { _, d in
            d.extractFileName = "items"
            d.filePropertiesMaxRowsPerFile = 3
            d.isCompressed = true
            d.compressedType = "ZIP"
        }
        var issues: [ValidationIssue] = []
        let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
        let layout = try OutputLayout.resolve(
            job: j,
            rootDirectory: "/o",
            values: PathValues(
                time: fixedTime,
                executionGroup: nil,
                extractName: "Z",
                runId: "r"
            )
        )
        #expect(layout.archiveName == "items.csv.zip")
        #expect(layout.entryName(part: 2) == "items_part0002.csv")
        #expect(layout.codecSuffix == nil)
    }

    @Test func pathsThatLeaveTheRootAreRefused() throws {
        for (column, value) in [
            ("dir", "../../etc"), ("dir", "a/../../b"), ("container", "/abs"), ("dir", "{execution_group}"),
        ] {
            let (m, d) = job("ESC", group: "../up") { _, d in
                if column == "dir" { d.extractDirectory = value } else { d.extractContainer = value }
            }
            var issues: [ValidationIssue] = []
            let j = try #require(JobValidator().makeJob(m, d, datastoreIds: [], targetIds: [], issues: &issues))
            #expect(throws: ExtractError.self) {
                try OutputLayout.resolve(
                    job: j,
                    rootDirectory: "/o",
                    values: PathValues(
                        time: fixedTime,
                        executionGroup: "../up",
                        extractName: "ESC",
                        runId: "r"
                    )
                )
            }
        }
    }

    @Test func namePatternsMatchGlobs() {
        #expect(NamePattern("SAMPLE_*").matches("SAMPLE_CUSTOMERS_SNAPSHOT"))
        #expect(!NamePattern("SAMPLE_*").matches("OTHER"))
        #expect(NamePattern("*_TSV").matches("SAMPLE_INVENTORY_TSV"))
        #expect(NamePattern("A?C").matches("ABC"))
        #expect(!NamePattern("A?C").matches("ABBC"))
        #expect(NamePattern("*").matches(""))
    }
}
