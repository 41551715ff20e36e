import ExtractCore
import Testing

struct RedactionTests {
    @Test(arguments: [
        ("postgresql://u:pw1@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgres://u:p%40ss@h/db?sslmode=require", "postgres://u:***@h/db?sslmode=require"),
        (
            "run with: extract run --store postgresql://u:pw1@h/db now",
            "run with: extract run --store postgresql://u:***@h/db now"
        ),
        ("a postgresql://u@h/db and b://x:y@z", "a postgresql://u@h/db and b://x:***@z"),
        ("host=h password=pw1 dbname=d", "host=h password=*** dbname=d"),
        ("host=h PASSWORD = 'p w\\'1' dbname=d", "host=h PASSWORD = *** dbname=d"),
        ("user=u password='' host=h", "user=u password=*** host=h"),
        ("no secrets: password is required, mypassword=x", "no secrets: password is required, mypassword=x"),
        ("sqlite:/data/x.sqlite", "sqlite:/data/x.sqlite"),
    ])
    func redactsPasswordsOnly(input: String, expected: String) {
        #expect(Redaction.redact(input) == expected)
    }

    @Test func literalSecretsOfThreeBytesAndMore() {
        #expect(
            Redaction.redact("server said: bad pw hunter2 here", secrets: ["hunter2", "pw"])
                == "server said: bad pw *** here"
        )
    }
}
