import ExtractCore

/// The samples of `extract init --store postgresql://… --samples`, shaped like the spec's
/// warehouse examples: source tables in `dbo` (customers, products, orders), a view in
/// `reporting`, a set-returning function and a cursor-returning procedure in `finance`, a
/// validation procedure in `dbo`, and one sample extract of every kind (table, incremental table,
/// view, custom SQL over the function, procedure).
///
/// Installing again drops and recreates exactly these objects and replaces every `SAMPLE_%` job;
/// nothing else in those schemas is touched. The data is fixed (no randomness).
enum PostgresSampleData {
    static let ddl = """
        CREATE SCHEMA IF NOT EXISTS dbo;
        CREATE SCHEMA IF NOT EXISTS reporting;
        CREATE SCHEMA IF NOT EXISTS finance;
        DROP VIEW IF EXISTS reporting.v_customer_orders;
        DROP FUNCTION IF EXISTS finance.fn_revenue_by_month(date, date);
        DROP PROCEDURE IF EXISTS finance.sp_generate_financial_report(refcursor);
        DROP PROCEDURE IF EXISTS dbo.sp_validate_orders_extract();
        DROP TABLE IF EXISTS dbo.orders, dbo.products, dbo.customers;

        CREATE TABLE dbo.customers (
            customer_id integer PRIMARY KEY,
            customer_name text NOT NULL,
            email text,
            city text NOT NULL,
            country text NOT NULL,
            credit_limit numeric(12,2),
            created_date date NOT NULL,
            is_active boolean NOT NULL
        );
        INSERT INTO dbo.customers VALUES
            (1, 'Acme Corp', 'orders@acme.example', 'New York', 'USA', 50000.00, '2023-01-15', true),
            (2, 'Müller & Söhne GmbH', 'einkauf@mueller.example', 'München', 'Germany', 12500.50, '2023-03-02', true),
            (3, '東京テック株式会社', NULL, '東京', 'Japan', NULL, '2023-06-30', true),
            (4, 'Smith, Jones "&" Co', 'hello@smithjones.example', 'London', 'UK', 7500.25, '2024-02-29', false),
            (5, 'Société Générale d''Île', '', 'Paris', 'France', 0.99, '2024-07-25', true);

        CREATE TABLE dbo.products (
            product_id integer PRIMARY KEY,
            product_name text NOT NULL,
            category text NOT NULL,
            unit_price numeric(10,2) NOT NULL,
            weight_kg double precision,
            description text
        );
        INSERT INTO dbo.products VALUES
            (1, 'Widget Classic', 'Hardware', 19.99, 0.25, 'The original widget'),
            (2, 'Widget Pro', 'Hardware', 49.50, 0.40, E'Faster, stronger;\\nnow with a second line'),
            (3, 'Gadget Mini', 'Electronics', 99.00, 0.15, 'Fits in a pocket | pipe inside'),
            (4, 'Crème Brûlée Kit', 'Kitchen', 34.75, 2.05, 'Torch not included — «fragile»'),
            (5, 'Cable "USB-C" 2m', 'Electronics', 9.99, NULL, NULL);

        CREATE TABLE dbo.orders (
            order_id integer PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES dbo.customers,
            product_id integer NOT NULL REFERENCES dbo.products,
            order_date date NOT NULL,
            quantity integer NOT NULL,
            total_amount numeric(12,2) NOT NULL,
            status text NOT NULL,
            notes text,
            modified_at timestamp NOT NULL
        );
        INSERT INTO dbo.orders
        SELECT g, 1 + g % 5, 1 + (g * 3) % 5, date '2024-01-01' + (g * 3 / 2),
               1 + g % 4, round((1 + g % 4) * (10 + (g * 37) % 90) + 0.99, 2),
               (ARRAY['pending', 'completed', 'completed', 'shipped', 'cancelled'])[1 + g % 5],
               CASE WHEN g % 7 = 0 THEN 'gift, wrap it' WHEN g % 11 = 0 THEN '' END,
               timestamp '2024-01-01 08:00:00' + (g * 3 / 2) * interval '1 day' + (g % 600) * interval '1 minute'
        FROM generate_series(1, 200) g;

        CREATE VIEW reporting.v_customer_orders AS
            SELECT c.customer_id, c.customer_name, c.country, count(o.order_id) AS order_count,
                   sum(o.total_amount)::numeric(14,2) AS total_amount, min(o.order_date) AS first_order_date,
                   max(o.order_date) AS last_order_date
            FROM dbo.customers c LEFT JOIN dbo.orders o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id, c.customer_name, c.country;

        CREATE FUNCTION finance.fn_revenue_by_month(from_date date, to_date date)
            RETURNS TABLE (month date, orders bigint, revenue numeric)
            LANGUAGE sql STABLE AS $$
                SELECT date_trunc('month', order_date)::date, count(*), sum(total_amount)
                FROM dbo.orders WHERE order_date BETWEEN from_date AND to_date AND status <> 'cancelled'
                GROUP BY 1 ORDER BY 1
            $$;

        CREATE PROCEDURE finance.sp_generate_financial_report(INOUT result refcursor)
            LANGUAGE plpgsql AS $$
            BEGIN
                OPEN result FOR
                    SELECT c.country, p.category, count(*) AS orders, sum(o.total_amount)::numeric(14,2) AS revenue
                    FROM dbo.orders o JOIN dbo.customers c USING (customer_id) JOIN dbo.products p USING (product_id)
                    WHERE o.status <> 'cancelled'
                    GROUP BY c.country, p.category ORDER BY c.country, p.category;
            END $$;

        CREATE PROCEDURE dbo.sp_validate_orders_extract()
            LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM dbo.orders) THEN
                    RAISE EXCEPTION 'dbo.orders is empty: nothing to extract';
                END IF;
                IF EXISTS (SELECT 1 FROM dbo.orders o LEFT JOIN dbo.customers c USING (customer_id) WHERE c.customer_id IS NULL) THEN
                    RAISE EXCEPTION 'dbo.orders has orders of unknown customers';
                END IF;
            END $$;
        """

    static func install(on connection: PostgresConnection, storeSchema: String) throws {
        let s = try connection.quoteIdentifier(storeSchema)
        try connection.transaction {
            try connection.execute(ddl)
            for table in ["config_extract_generation", "config_extract_generation_details", "extract_watermark"] {
                try connection.execute("DELETE FROM \(s).\(table) WHERE extract_name LIKE 'SAMPLE\\_%'")
            }
            for (m, d) in jobs() { try PostgresConfigStore.save(m, d, on: connection, schema: s) }
        }
    }

    static func jobs() -> [(ExtractConfigRecord, ExtractDetailsRecord)] {
        func pair(
            _ name: String,
            group: String,
            table: String? = nil,
            view: String? = nil,
            sql: String? = nil,
            procedure: String? = nil,
            schema: String? = nil,
            incremental: String? = nil,
            _ configure: (inout ExtractDetailsRecord) -> Void
        ) -> (ExtractConfigRecord, ExtractDetailsRecord) {
            let m = ExtractConfigRecord(
                extractName: name,
                isActive: true,
                extractTableName: table,
                extractTableSchema: table == nil ? nil : schema,
                extractViewName: view,
                extractViewSchema: view == nil ? nil : schema,
                extractSQL: sql,
                extractProcedureName: procedure,
                extractProcedureSchema: procedure == nil ? nil : schema,
                isFullLoad: incremental == nil,
                incrementalColumn: incremental,
                incrementalDaysBack: incremental == nil ? nil : 3650,
                executionGroup: group,
                createdDate: "2024-01-15",
                createdBy: "system"
            )
            var d = ExtractDetailsRecord.sample(extractName: name, sourceDatastoreType: "warehouse")
            configure(&d)
            return (m, d)
        }
        var orders = pair(
            "SAMPLE_ORDERS_INCREMENTAL",
            group: "WAREHOUSE_INCREMENTAL",
            table: "orders",
            schema: "dbo",
            incremental: "modified_at"
        ) { d in
            d.extractDirectory = "warehouse/orders"; d.extractFileName = "orders";
            d.extractFileNameTimestampFormat = "yyyyMMdd_HHmmss"
            d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
            d.isCompressed = true; d.compressedType = "SNAPPY"; d.compressedLevel = "NORMAL"
        }
        // The orders extract checks its source first (empty table, orphan orders).
        orders.0.validationProcedureName = "sp_validate_orders_extract"
        orders.0.validationProcedureSchema = "dbo"
        return [
            pair("SAMPLE_CUSTOMERS_SNAPSHOT", group: "WAREHOUSE_SNAPSHOTS", table: "customers", schema: "dbo") { d in
                d.extractDirectory = "warehouse/customers"; d.extractFileName = "customers"
                d.outputFormat = "parquet"; d.extractFileNameExtension = "parquet"
            },
            pair("SAMPLE_PRODUCTS_CSV_GZIP", group: "WAREHOUSE_SNAPSHOTS", table: "products", schema: "dbo") { d in
                d.extractDirectory = "warehouse/products"; d.extractFileName = "products"; d.outputFormat = "csv"
                d.isCompressed = true; d.compressedType = "GZIP"; d.compressedLevel = "NORMAL";
                d.compressedExtension = ".gz"
                d.isTriggerFile = true; d.triggerFileExtension = ".done"
            },
            orders,
            pair(
                "SAMPLE_CUSTOMER_ORDERS_VIEW",
                group: "WAREHOUSE_REPORTS",
                view: "v_customer_orders",
                schema: "reporting"
            ) { d in
                d.extractDirectory = "warehouse/reports"; d.extractFileName = "customer_orders"; d.outputFormat = "csv"
            },
            pair(
                "SAMPLE_MONTHLY_REVENUE_SQL",
                group: "WAREHOUSE_REPORTS",
                sql:
                    "SELECT month, orders, revenue::numeric(14,2) AS revenue FROM finance.fn_revenue_by_month('2024-01-01', '2024-12-31')"
            ) { d in
                d.extractDirectory = "warehouse/reports"; d.extractFileName = "monthly_revenue"; d.outputFormat = "tsv"
                d.extractFileNameExtension = "tsv"; d.filePropertiesColumnDelimiter = "\\t"
            },
            pair(
                "SAMPLE_FINANCIAL_REPORT_SP",
                group: "WAREHOUSE_REPORTS",
                procedure: "sp_generate_financial_report",
                schema: "finance"
            ) { d in
                d.extractDirectory = "warehouse/reports"; d.extractFileName = "financial_report"; d.outputFormat = "dat"
                d.extractFileNameExtension = "dat"; d.filePropertiesColumnDelimiter = "|"
            },
        ]
    }
}
