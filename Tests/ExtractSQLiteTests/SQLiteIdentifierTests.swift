import ExtractCore
import ExtractSQLite
import Testing

@Suite struct SQLiteIdentifierTests {
    @Test func quotesSchemaAndName() throws {
        #expect(try SQLiteIdentifier.quote("main.orders") == #""main"."orders""#)
        #expect(try SQLiteIdentifier.quote("orders") == #""orders""#)
        #expect(try SQLiteIdentifier.quote("my table") == #""my table""#)
    }

    @Test func doublesInnerQuotes() throws {
        #expect(SQLiteIdentifier.quoteName(#"weird "name"#) == #""weird ""name""#)
        #expect(SQLiteIdentifier.quote(schema: nil, name: #"a"b"#) == #""a""b""#)
    }

    @Test func parsesQuotedParts() throws {
        let dotted = try SQLiteIdentifier(parsing: #"aux."a.b""#)
        #expect(dotted.schema == "aux")
        #expect(dotted.name == "a.b")
        let quoted = try SQLiteIdentifier(parsing: #""weird ""name""#)
        #expect(quoted.schema == nil)
        #expect(quoted.name == #"weird "name"#)
        let both = try SQLiteIdentifier(parsing: #""my db"."my ""t""#)
        #expect(both.schema == "my db")
        #expect(both.name == #"my "t"#)
        #expect(both.quoted == #""my db"."my ""t""#)
    }

    @Test func explicitPartsKeepDots() {
        let identifier = SQLiteIdentifier(schema: nil, name: "a.b")
        #expect(identifier.quoted == #""a.b""#)
        #expect(SQLiteIdentifier.quote(schema: "s.x", name: "t") == #""s.x"."t""#)
    }

    @Test(arguments: ["", "a..b", "a.b.c", #""open"#, #""a"b"#, ".a", "a."])
    func rejectsMalformedNames(_ text: String) {
        #expect(throws: ExtractError.self) { try SQLiteIdentifier(parsing: text) }
    }

    @Test func quotesLiterals() {
        #expect(SQLiteIdentifier.quoteLiteral("it's") == "'it''s'")
    }
}
