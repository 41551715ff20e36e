/// One row of `config_extract_generation`, the master table of extract jobs, exactly as stored:
/// every column optional and untyped beyond SQL's basic kinds. ``JobValidator`` turns it,
/// together with its ``ExtractDetailsRecord``, into a typed ``ExtractJob``.
///
/// Column names are those of the original package's lakehouse table (so existing configurations
/// carry over), plus the columns its documentation promises: `extract_sql` (custom SQL),
/// `extract_sp_name`/`extract_sp_schema` (procedures, warehouse only), `incremental_column` and
/// `incremental_days_back`; and the warehouse config's `validation_table_sp_name`/`_schema`.
public struct ExtractConfigRecord: Sendable, Hashable {
    /// `extract_name`: the job's key; joins the details row.
    public var extractName: String
    /// `is_active`: only active jobs are selected (NULL counts as inactive).
    public var isActive: Bool?
    /// `trigger_name`: informational (kept, not used).
    public var triggerName: String?
    /// `extract_pipeline_name`: informational (kept, not used).
    public var extractPipelineName: String?
    /// `extract_table_name` / `extract_table_schema`: a table source.
    public var extractTableName: String?
    /// `extract_table_schema`.
    public var extractTableSchema: String?
    /// `extract_view_name` / `extract_view_schema`: a view source.
    public var extractViewName: String?
    /// `extract_view_schema`.
    public var extractViewSchema: String?
    /// `extract_sql`: a custom `SELECT` as the source.
    public var extractSQL: String?
    /// `extract_sp_name` / `extract_sp_schema`: a stored procedure as the source (PostgreSQL only).
    public var extractProcedureName: String?
    /// `extract_sp_schema`.
    public var extractProcedureSchema: String?
    /// `validation_table_sp_name`: a procedure called before the extract reads (PostgreSQL only);
    /// if it raises, the extract is FAILED with its message and nothing is written.
    public var validationProcedureName: String?
    /// `validation_table_sp_schema`: the validation procedure's schema.
    public var validationProcedureSchema: String?
    /// `is_full_load`: `false` makes the job incremental by default (needs `incremental_column`).
    public var isFullLoad: Bool?
    /// `incremental_column`: the column whose growing values define new rows.
    public var incrementalColumn: String?
    /// `incremental_days_back`: on a first incremental run (no watermark yet), how many days back to extract.
    public var incrementalDaysBack: Int64?
    /// `execution_group`: jobs of one group run together; groups run one after another.
    public var executionGroup: String?
    /// Audit columns.
    public var createdDate: String?
    /// `created_by` (audit).
    public var createdBy: String?
    /// `modified_date` (audit).
    public var modifiedDate: String?
    /// `modified_by` (audit).
    public var modifiedBy: String?

    /// Creates a record; every column but the name defaults to NULL.
    public init(
        extractName: String,
        isActive: Bool? = true,
        triggerName: String? = nil,
        extractPipelineName: String? = nil,
        extractTableName: String? = nil,
        extractTableSchema: String? = nil,
        extractViewName: String? = nil,
        extractViewSchema: String? = nil,
        extractSQL: String? = nil,
        extractProcedureName: String? = nil,
        extractProcedureSchema: String? = nil,
        isFullLoad: Bool? = true,
        incrementalColumn: String? = nil,
        incrementalDaysBack: Int64? = nil,
        executionGroup: String? = nil,
        createdDate: String? = nil,
        createdBy: String? = nil,
        modifiedDate: String? = nil,
        modifiedBy: String? = nil,
        validationProcedureName: String? = nil,
        validationProcedureSchema: String? = nil
    ) {
        self.extractName = extractName
        self.isActive = isActive
        self.triggerName = triggerName
        self.extractPipelineName = extractPipelineName
        self.extractTableName = extractTableName
        self.extractTableSchema = extractTableSchema
        self.extractViewName = extractViewName
        self.extractViewSchema = extractViewSchema
        self.extractSQL = extractSQL
        self.extractProcedureName = extractProcedureName
        self.extractProcedureSchema = extractProcedureSchema
        self.isFullLoad = isFullLoad
        self.incrementalColumn = incrementalColumn
        self.incrementalDaysBack = incrementalDaysBack
        self.executionGroup = executionGroup
        self.createdDate = createdDate
        self.createdBy = createdBy
        self.modifiedDate = modifiedDate
        self.modifiedBy = modifiedBy
        self.validationProcedureName = validationProcedureName
        self.validationProcedureSchema = validationProcedureSchema
    }
}
