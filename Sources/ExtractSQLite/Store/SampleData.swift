import ExtractCore

/// The samples of `extract init --samples`: five source tables with realistic columns (dates,
/// decimals, NULLs, non-ASCII text, values that need quoting), a view, and the sample extracts
/// of the spec plus one each for CSV+GZIP, ZIP, split parts, a view and custom SQL.
///
/// Installing again drops and recreates the sample tables and replaces every `SAMPLE_%` job;
/// other tables and jobs are untouched. The data is fixed (no randomness), so runs are
/// reproducible.
enum SampleData {
    static let tables = ["customers", "products", "orders", "order_items", "inventory"]

    static func install(into db: SQLiteConnection) throws {
        try db.transaction(.immediate) {
            try db.execute("DROP VIEW IF EXISTS v_order_summary")
            for t in tables { try db.execute("DROP TABLE IF EXISTS \(SQLiteIdentifier.quoteName(t))") }
            try db.execute(ddl)
            try insertCustomers(db)
            try insertProducts(db)
            try insertOrders(db)
            try insertOrderItems(db)
            try insertInventory(db)
            try db.run("DELETE FROM config_extract_generation WHERE extract_name LIKE 'SAMPLE\\_%' ESCAPE '\\'")
            try db.run("DELETE FROM config_extract_generation_details WHERE extract_name LIKE 'SAMPLE\\_%' ESCAPE '\\'")
            try db.run("DELETE FROM extract_watermark WHERE extract_name LIKE 'SAMPLE\\_%' ESCAPE '\\'")
            for (m, d) in jobs() { try SQLiteConfigStore.save(m, d, into: db) }
        }
    }

    static let ddl = """
        CREATE TABLE customers (
            customer_id INTEGER PRIMARY KEY,
            customer_name TEXT NOT NULL,
            email TEXT,
            phone TEXT,
            city TEXT NOT NULL,
            country TEXT NOT NULL,
            credit_limit DECIMAL(12,2),
            created_date DATE NOT NULL,
            is_active BOOLEAN NOT NULL
        );
        CREATE TABLE products (
            product_id INTEGER PRIMARY KEY,
            product_name TEXT NOT NULL,
            category TEXT NOT NULL,
            unit_price DECIMAL(10,2) NOT NULL,
            weight_kg DOUBLE,
            launched_date DATE,
            description TEXT
        );
        CREATE TABLE orders (
            order_id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL,
            order_date DATE NOT NULL,
            status TEXT NOT NULL,
            total_amount DECIMAL(12,2) NOT NULL,
            shipping_city TEXT,
            notes TEXT,
            modified_at TIMESTAMP NOT NULL
        );
        CREATE TABLE order_items (
            order_item_id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL,
            product_id INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            unit_price DECIMAL(10,2) NOT NULL,
            discount DECIMAL(5,2),
            line_total DECIMAL(12,2) NOT NULL,
            modified_at TIMESTAMP NOT NULL
        );
        CREATE TABLE inventory (
            inventory_id INTEGER PRIMARY KEY,
            warehouse_code TEXT NOT NULL,
            product_id INTEGER NOT NULL,
            quantity_on_hand INTEGER NOT NULL,
            reorder_level INTEGER,
            unit_cost DECIMAL(10,2),
            last_counted_date DATE NOT NULL,
            bin_location TEXT
        );
        CREATE VIEW v_order_summary AS
            SELECT c.customer_id, c.customer_name, c.country, COUNT(o.order_id) AS order_count,
                   SUM(o.total_amount) AS total_amount, MIN(o.order_date) AS first_order_date,
                   MAX(o.order_date) AS last_order_date
            FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.customer_name, c.country;
        """

    static func insert(_ db: SQLiteConnection, _ table: String, _ columns: [String], _ rows: [[SQLiteValue]]) throws {
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let s = try db.prepare(
            "INSERT INTO \(SQLiteIdentifier.quoteName(table))(\(columns.map(SQLiteIdentifier.quoteName).joined(separator: ", "))) VALUES (\(placeholders))"
        )
        for row in rows {
            try s.bind(row)
            try s.run()
        }
    }

    static func insertCustomers(_ db: SQLiteConnection) throws {
        let rows: [[SQLiteValue]] = [
            [
                .integer(1), .text("Acme Corp"), .text("orders@acme.example"), .text("+1 212 555 0100"),
                .text("New York"), .text("USA"), .real(50000.00), .text("2023-01-15"), .integer(1),
            ],
            [
                .integer(2), .text("Müller & Söhne GmbH"), .text("einkauf@mueller.example"), .null, .text("München"),
                .text("Germany"), .real(12500.50), .text("2023-03-02"), .integer(1),
            ],
            [
                .integer(3), .text("東京テック株式会社"), .null, .text("+81 3 5555 0199"), .text("東京"), .text("Japan"), .null,
                .text("2023-06-30"), .integer(1),
            ],
            [
                .integer(4), .text("Smith, Jones \"&\" Co"), .text("hello@smithjones.example"),
                .text("+44 20 7946 0958"), .text("London"), .text("UK"), .real(7500.25), .text("2024-02-29"),
                .integer(0),
            ],
            [
                .integer(5), .text("Société Générale d'Île"), .text("contact@sgi.example"), .text(""), .text("Paris"),
                .text("France"), .real(0.99), .text("2024-07-25"), .integer(1),
            ],
        ]
        try insert(
            db,
            "customers",
            [
                "customer_id", "customer_name", "email", "phone", "city", "country", "credit_limit", "created_date",
                "is_active",
            ],
            rows
        )
    }

    static let productNames: [(String, String, Double, Double?, String?, String?)] = [
        ("Widget Classic", "Hardware", 19.99, 0.25, "2022-01-10", "The original widget"),
        ("Widget Pro", "Hardware", 49.50, 0.40, "2023-05-01", "Faster, stronger;\nnow with a second line"),
        ("Gadget Mini", "Electronics", 99.00, 0.15, "2023-09-15", "Fits in a pocket | pipe inside"),
        ("Gadget Max", "Electronics", 249.95, 1.20, nil, nil),
        ("Crème Brûlée Kit", "Kitchen", 34.75, 2.05, "2024-02-14", "Torch not included — «fragile»"),
        ("Smørrebrød Board", "Kitchen", 22.00, nil, "2021-11-30", "Oak, 40 × 25 cm"),
        ("Çay Glass Set", "Kitchen", 15.49, 0.90, "2024-06-01", "6 glasses, tab\tseparated"),
        ("Cable \"USB-C\" 2m", "Electronics", 9.99, 0.05, "2020-08-20", "Quote \"inside\" the text"),
        ("Notebook A5", "Stationery", 3.20, 0.18, "2019-03-03", ""),
        ("Pen, Blue (10 pack)", "Stationery", 5.00, 0.12, "2019-03-03", "Comma, in name"),
    ]

    static func insertProducts(_ db: SQLiteConnection) throws {
        let rows: [[SQLiteValue]] = productNames.enumerated().map { i, p in
            [.integer(Int64(i + 1)), .text(p.0), .text(p.1), .real(p.2), .of(p.3), .of(p.4), .of(p.5)]
        }
        try insert(
            db,
            "products",
            ["product_id", "product_name", "category", "unit_price", "weight_kg", "launched_date", "description"],
            rows
        )
    }

    static let statuses = ["pending", "completed", "completed", "shipped", "cancelled"]
    static let cities = ["New York", "München", "東京", "London", "Paris", nil]

    /// Order `id` placed on 2024-01-01 + (id * 3) days, modified the same day at a time that grows with the id.
    static func orderDate(_ id: Int) -> CivilDateTime {
        CivilDateTime(year: 2024, month: 1, day: 1, hour: 8 + id % 10, minute: (id * 7) % 60, second: (id * 13) % 60)
            .addingDays(id * 3 / 2)
    }

    static func timestampText(_ t: CivilDateTime) -> String {
        let iso = t.isoTimestamp  // YYYY-MM-DDTHH:MM:SS.ffffffZ
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    static func itemCount(_ orderId: Int) -> Int { (orderId % 2 == 1 ? 3 : 2) + (orderId % 20 == 0 ? 1 : 0) }

    static func items(of orderId: Int) -> [(product: Int, quantity: Int, price: Double, discount: Double?)] {
        (0..<itemCount(orderId)).map { k in
            let product = (orderId * 3 + k * 7) % 10
            let quantity = 1 + (orderId + k) % 5
            let discount: Double? = (orderId + k) % 4 == 0 ? 0.10 : ((orderId + k) % 7 == 0 ? nil : 0)
            return (product + 1, quantity, productNames[product].2, discount)
        }
    }

    static func lineTotal(_ item: (product: Int, quantity: Int, price: Double, discount: Double?)) -> Double {
        let cents = (item.price * 100).rounded() * Double(item.quantity) * (1 - (item.discount ?? 0))
        return cents.rounded() / 100
    }

    static func insertOrders(_ db: SQLiteConnection) throws {
        let rows: [[SQLiteValue]] = (1...100).map { id in
            let t = orderDate(id)
            let total = items(of: id).reduce(0) { $0 + lineTotal($1) }
            let notes: SQLiteValue =
                id % 9 == 0
                ? .text("Leave at door, \"back\" entrance") : (id % 4 == 0 ? .text("Geschenkverpackung ✓") : .null)
            return [
                .integer(Int64(id)), .integer(Int64(1 + id % 5)), .text(t.isoDate),
                .text(statuses[id % statuses.count]),
                .real((total * 100).rounded() / 100), .of(cities[id % cities.count]), notes, .text(timestampText(t)),
            ]
        }
        try insert(
            db,
            "orders",
            [
                "order_id", "customer_id", "order_date", "status", "total_amount", "shipping_city", "notes",
                "modified_at",
            ],
            rows
        )
    }

    static func insertOrderItems(_ db: SQLiteConnection) throws {
        var rows: [[SQLiteValue]] = []
        var next = 1
        for id in 1...100 {
            let t = orderDate(id)
            for item in items(of: id) {
                rows.append([
                    .integer(Int64(next)), .integer(Int64(id)), .integer(Int64(item.product)),
                    .integer(Int64(item.quantity)),
                    .real(item.price), .of(item.discount), .real(lineTotal(item)), .text(timestampText(t)),
                ])
                next += 1
            }
        }
        try insert(
            db,
            "order_items",
            [
                "order_item_id", "order_id", "product_id", "quantity", "unit_price", "discount", "line_total",
                "modified_at",
            ],
            rows
        )
    }

    static func insertInventory(_ db: SQLiteConnection) throws {
        let warehouses = ["SYD-01", "BER-02", "TYO-03"]
        let rows: [[SQLiteValue]] = (1...30).map { id in
            let product = (id - 1) % 10
            let counted = CivilDateTime(year: 2024, month: 7, day: 1).addingDays(id % 14)
            return [
                .integer(Int64(id)), .text(warehouses[(id - 1) / 10]), .integer(Int64(product + 1)),
                .integer(Int64((id * 37) % 500)), id % 6 == 0 ? .null : .integer(Int64(20 + id % 5 * 10)),
                .real((productNames[product].2 * 0.6 * 100).rounded() / 100), .text(counted.isoDate),
                id % 11 == 0 ? .null : .text("Aisle \(id % 7)-Bay \(id % 4)"),
            ]
        }
        try insert(
            db,
            "inventory",
            [
                "inventory_id", "warehouse_code", "product_id", "quantity_on_hand", "reorder_level", "unit_cost",
                "last_counted_date", "bin_location",
            ],
            rows
        )
    }

    /// The sample jobs.
    static func jobs() -> [(ExtractConfigRecord, ExtractDetailsRecord)] {
        func pair(
            _ name: String,
            group: String,
            table: String? = nil,
            view: String? = nil,
            sql: String? = nil,
            incremental: String? = nil,
            _ configure: (inout ExtractDetailsRecord) -> Void
        ) -> (ExtractConfigRecord, ExtractDetailsRecord) {
            let m = ExtractConfigRecord(
                extractName: name,
                isActive: true,
                extractTableName: table,
                extractTableSchema: table == nil ? nil : "default",
                extractViewName: view,
                extractSQL: sql,
                isFullLoad: incremental == nil,
                incrementalColumn: incremental,
                executionGroup: group,
                createdDate: "2024-01-15",
                createdBy: "system"
            )
            var d = ExtractDetailsRecord.sample(
                extractName: name,
                sourceDatastoreType: "sqlite",
                sourceSchemaName: "default"
            )
            configure(&d)
            return (m, d)
        }
        return [
            pair("SAMPLE_CUSTOMERS_SNAPSHOT", group: "SNAPSHOT_EXTRACTS", table: "customers") { d in
                d.fileGenerationGroup = "CUSTOMER_SNAPSHOT"; d.extractDirectory = "snapshot/customers"
                d.extractFileName = "customers"; d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
            },
            pair("SAMPLE_PRODUCTS_SNAPSHOT", group: "SNAPSHOT_EXTRACTS", table: "products") { d in
                d.fileGenerationGroup = "PRODUCT_SNAPSHOT"; d.extractDirectory = "snapshot/products"
                d.extractFileName = "products"; d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
                d.isTriggerFile = true; d.triggerFileExtension = ".done"
            },
            pair(
                "SAMPLE_ORDERS_INCREMENTAL",
                group: "INCREMENTAL_EXTRACTS",
                table: "orders",
                incremental: "modified_at"
            ) { d in
                d.fileGenerationGroup = "ORDER_INCREMENTAL"; d.extractDirectory = "incremental/orders"
                d.extractFileName = "orders"; d.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
                d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
                d.isCompressed = true; d.compressedType = "SNAPPY"; d.compressedLevel = "NORMAL"
            },
            pair(
                "SAMPLE_ORDER_ITEMS_INCREMENTAL",
                group: "INCREMENTAL_EXTRACTS",
                table: "order_items",
                incremental: "modified_at"
            ) { d in
                d.fileGenerationGroup = "ORDER_ITEMS_INCREMENTAL"; d.extractDirectory = "incremental/order_items"
                d.extractFileName = "order_items"; d.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
                d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
                d.isCompressed = true; d.compressedType = "SNAPPY"; d.compressedLevel = "NORMAL"
            },
            pair("SAMPLE_INVENTORY_TSV", group: "FORMAT_EXTRACTS", table: "inventory") { d in
                d.fileGenerationGroup = "INVENTORY_TSV"; d.extractDirectory = "tsv_files/inventory"
                d.extractFileName = "inventory_snapshot"; d.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
                d.outputFormat = "tsv"; d.extractFileNameExtension = "tsv"; d.filePropertiesColumnDelimiter = "\\t"
            },
            pair("SAMPLE_PRODUCTS_DAT", group: "FORMAT_EXTRACTS", table: "products") { d in
                d.fileGenerationGroup = "PRODUCTS_DAT"; d.extractDirectory = "dat_files/products"
                d.extractFileName = "products_export"; d.outputFormat = "dat"; d.extractFileNameExtension = "dat"
                d.filePropertiesColumnDelimiter = "|"
            },
            pair("SAMPLE_ORDERS_CSV_GZIP", group: "FORMAT_EXTRACTS", table: "orders") { d in
                d.fileGenerationGroup = "ORDERS_CSV_GZIP"; d.extractDirectory = "compressed/{extract_name}"
                d.extractFileName = "orders_{date}"; d.extractFileNameTimestampFormat = nil
                d.outputFormat = "csv"; d.isCompressed = true; d.compressedType = "GZIP"; d.compressedLevel = "MAXIMUM"
                d.compressedExtension = ".gz"
            },
            pair("SAMPLE_CUSTOMERS_ZIP", group: "FORMAT_EXTRACTS", table: "customers") { d in
                d.fileGenerationGroup = "CUSTOMERS_ZIP"; d.extractDirectory = "zip/customers"
                d.extractFileName = "customers"; d.outputFormat = "csv"
                d.isCompressed = true; d.compressedType = "ZIP"; d.compressedLevel = "NORMAL";
                d.compressedExtension = ".zip"
            },
            pair("SAMPLE_ORDER_ITEMS_SPLIT", group: "FORMAT_EXTRACTS", table: "order_items") { d in
                d.fileGenerationGroup = "ORDER_ITEMS_SPLIT"; d.extractDirectory = "split/{year}/{month}"
                d.extractFileName = "order_items"; d.outputFormat = "csv"; d.filePropertiesMaxRowsPerFile = 100
                d.isTriggerFile = true; d.triggerFileExtension = ".done"
            },
            pair("SAMPLE_ORDER_SUMMARY_VIEW", group: "REPORT_EXTRACTS", view: "v_order_summary") { d in
                d.fileGenerationGroup = "ORDER_SUMMARY"; d.extractDirectory = "reports/{execution_group}"
                d.extractFileName = "order_summary"; d.outputFormat = "csv"
            },
            pair(
                "SAMPLE_TOP_PRODUCTS_SQL",
                group: "REPORT_EXTRACTS",
                sql: """
                    SELECT p.product_id, p.product_name, p.category, SUM(i.quantity) AS units_sold, SUM(i.line_total) AS revenue
                    FROM order_items i JOIN products p ON p.product_id = i.product_id
                    GROUP BY p.product_id, p.product_name, p.category
                    ORDER BY revenue DESC, p.product_id
                    """
            ) { d in
                d.fileGenerationGroup = "TOP_PRODUCTS"; d.extractDirectory = "reports/{execution_group}"
                d.extractFileName = "top_products"; d.outputFormat = "csv"
            },
        ]
    }
}
