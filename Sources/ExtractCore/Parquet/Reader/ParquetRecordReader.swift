/// Reads top-level columns of any nesting (structs, lists, maps; Dremel definition and
/// repetition levels) as one ``ParquetValue`` tree per column and row. Built for Delta
/// checkpoints (`add.partitionValues` is `map<string,string>`, `protocol.readerFeatures`
/// `list<string>`); a row group is assembled in memory at a time, so use it for metadata-sized
/// data, not for bulk columns (``ParquetBatchReader`` is the fast path).
///
/// Lists are recognised by annotation and structure, not by name: the 3-level form
/// (`LIST { repeated group list { element } }`), the legacy 2-level forms (a repeated group
/// with several fields, or named `array` / `<name>_tuple`, is the element itself) and bare
/// repeated fields. MAP and MAP_KEY_VALUE groups become ``ParquetValue/map(_:)``.
public final class ParquetRecordReader {
    /// The selected top-level columns, in the order of each row's values.
    public let columns: [ParquetSchemaNode]
    private let file: ParquetFile
    private let rowGroups: [Int]
    private var groupPosition = -1
    private var pending: [[ParquetValue]] = []
    private var pendingPosition = 0

    init(file: ParquetFile, columns: [ParquetSchemaNode], rowGroups: [Int]) {
        self.file = file
        self.columns = columns
        self.rowGroups = rowGroups
    }

    /// The next row: one value per selected column, or `nil` at the end.
    public func next() throws -> [ParquetValue]? {
        while pendingPosition >= pending.count {
            groupPosition += 1
            guard groupPosition < rowGroups.count else { return nil }
            pending = try assemble(rowGroup: rowGroups[groupPosition])
            pendingPosition = 0
        }
        defer { pendingPosition += 1 }
        return pending[pendingPosition]
    }

    /// Every remaining row.
    public func readAll() throws -> [[ParquetValue]] {
        var rows: [[ParquetValue]] = []
        while let row = try next() { rows.append(row) }
        return rows
    }

    private struct LeafStream {
        var chain: [(node: ParquetSchemaNode, childIndex: Int)]
        var definition: [UInt8]
        var repetition: [UInt8]
        var present: [Int]
        var values: ColumnValues
        var type: ColumnType
        var count: Int
        var position = 0
    }

    private func leafStreams(of column: ParquetSchemaNode, columnIndex: Int, rowGroup: Int) throws -> [LeafStream] {
        var streams: [LeafStream] = []
        func walk(_ node: ParquetSchemaNode, chain: [(node: ParquetSchemaNode, childIndex: Int)]) throws {
            if let index = node.leafIndex {
                let leaf = file.leaves[index]
                var reader = try file.chunkReader(leaf: leaf, rowGroup: rowGroup)
                let type: ParquetLeafType
                switch ParquetLeafType.map(leaf.element) {
                case .success(let mapped): type = mapped
                case .failure: type = ParquetLeafType.physical(leaf.physicalType)
                }
                var def: [UInt8] = [], rep: [UInt8] = []
                var physical = PhysicalValues(physicalType: leaf.physicalType)
                var count = 0
                while let page = try reader.nextPage() {
                    count += page.levelCount
                    def.append(contentsOf: page.definitionLevels)
                    rep.append(contentsOf: page.repetitionLevels)
                    physical.append(contentsOf: page.values, range: 0..<page.values.count)
                }
                if leaf.maxDefinitionLevel == 0 { def = Array(repeating: 0, count: count) }
                if leaf.maxRepetitionLevel == 0 { rep = Array(repeating: 0, count: count) }
                let values: ColumnValues
                do {
                    values = try ParquetConversion.convert(physical, type: type)
                } catch let error as ParquetDecodingError {
                    throw ExtractError(
                        .source,
                        "Parquet column: \(error.message)",
                        context: .init(column: leaf.dottedPath, path: file.displayPath)
                    )
                }
                // Map each entry to its value index (or -1).
                var present: [Int] = []
                present.reserveCapacity(count)
                var next = 0
                let max = UInt8(leaf.maxDefinitionLevel)
                for d in def {
                    if d == max { present.append(next); next += 1 } else { present.append(-1) }
                }
                guard next == values.count else {
                    throw ExtractError(
                        .source,
                        "Parquet column has \(values.count) values where its levels need \(next); the file is corrupt",
                        context: .init(column: leaf.dottedPath, path: file.displayPath)
                    )
                }
                streams.append(
                    LeafStream(
                        chain: chain,
                        definition: def,
                        repetition: rep,
                        present: present,
                        values: values,
                        type: type.columnType,
                        count: count
                    )
                )
                return
            }
            for (i, child) in node.children.enumerated() {
                try walk(child, chain: chain + [(child, i)])
            }
        }
        try walk(column, chain: [(column, columnIndex)])
        return streams
    }

    private func assemble(rowGroup: Int) throws -> [[ParquetValue]] {
        let rowCount = Int(clamping: file.metadata.rowGroups[rowGroup].numRows)
        var perColumn: [[LeafStream]] = []
        for (i, column) in columns.enumerated() {
            perColumn.append(try leafStreams(of: column, columnIndex: i, rowGroup: rowGroup))
        }
        var rows: [[ParquetValue]] = []
        rows.reserveCapacity(min(rowCount, 1 << 20))
        for _ in 0..<rowCount {
            var row: [ParquetValue] = []
            row.reserveCapacity(columns.count)
            for c in columns.indices {
                let slot = Slot()
                for s in perColumn[c].indices {
                    try consumeRecord(&perColumn[c][s], into: slot)
                }
                row.append(Self.value(slot, columns[c]))
            }
            rows.append(row)
        }
        for streams in perColumn {
            for stream in streams where stream.position != stream.count {
                throw ExtractError(
                    .source,
                    "Parquet column '\(stream.chain.map(\.node.name).joined(separator: "."))' has more records than its row group's \(rowCount) rows; the file is corrupt",
                    context: .init(path: file.displayPath)
                )
            }
        }
        return rows
    }

    /// Feeds one record's entries of a leaf (the first has repetition level 0) into `slot`.
    private func consumeRecord(_ stream: inout LeafStream, into slot: Slot) throws {
        guard stream.position < stream.count else {
            throw ExtractError(
                .source,
                "Parquet column '\(stream.chain.map(\.node.name).joined(separator: "."))' has fewer records than its row group's rows; the file is corrupt",
                context: .init(path: file.displayPath)
            )
        }
        guard stream.repetition[stream.position] == 0 else {
            throw ExtractError(
                .source,
                "Parquet column '\(stream.chain.map(\.node.name).joined(separator: "."))' starts a record with repetition level \(stream.repetition[stream.position]); the file is corrupt",
                context: .init(path: file.displayPath)
            )
        }
        repeat {
            let p = stream.position
            let valueIndex = stream.present[p]
            let value: ParquetValue =
                valueIndex >= 0 ? ParquetValue.scalar(stream.values, at: valueIndex, type: stream.type) : .null
            insert(
                slot,
                chain: stream.chain,
                at: 0,
                r: Int(stream.repetition[p]),
                d: Int(stream.definition[p]),
                rep: 0,
                def: 0,
                value: value
            )
            stream.position += 1
        } while stream.position < stream.count && stream.repetition[stream.position] != 0
    }

    /// A node of the record being assembled.
    private final class Slot {
        enum State { case missing, null, value(ParquetValue), group([Slot]), list([Slot]) }
        var state: State = .missing
        /// The element the current leaf is at, for lists.
        var cursor = 0
    }

    private func insert(
        _ slot: Slot,
        chain: [(node: ParquetSchemaNode, childIndex: Int)],
        at i: Int,
        r: Int,
        d: Int,
        rep: Int,
        def: Int,
        value: ParquetValue
    ) {
        let node = chain[i].node
        var def = def, rep = rep
        var target = slot
        switch node.repetition {
        case .repeated:
            rep += 1
            var elements: [Slot]
            if case .list(let existing) = slot.state { elements = existing } else { elements = [] }
            if d <= def {
                slot.state = .list(elements)
                return
            }
            def += 1
            // Leaves under the same repeated node fill the same elements positionally: each
            // leaf walks the list with the slot's cursor (reset when the list is new to it).
            if r < rep {
                slot.cursor = 0
            } else if r == rep {
                slot.cursor += 1
            }
            let position = min(slot.cursor, elements.count)
            if position < elements.count {
                target = elements[position]
            } else {
                target = Slot()
                elements.append(target)
            }
            slot.cursor = position
            slot.state = .list(elements)
        case .optional:
            if d <= def {
                if case .missing = slot.state { slot.state = .null }
                return
            }
            def += 1
        case .required:
            break
        }
        if i == chain.count - 1 {
            target.state = .value(value)
            return
        }
        var children: [Slot]
        if case .group(let existing) = target.state, existing.count == node.children.count {
            children = existing
        } else {
            children = node.children.map { _ in Slot() }
            target.state = .group(children)
        }
        let childIndex = chain[i + 1].childIndex
        insert(children[childIndex], chain: chain, at: i + 1, r: r, d: d, rep: rep, def: def, value: value)
    }

    private static func value(_ slot: Slot, _ node: ParquetSchemaNode) -> ParquetValue {
        if node.repetition == .repeated {
            guard case .list(let elements) = slot.state else { return .list([]) }
            return .list(elements.map { element($0, node) })
        }
        return element(slot, node)
    }

    /// The value of a present node (one element when it is repeated).
    private static func element(_ slot: Slot, _ node: ParquetSchemaNode) -> ParquetValue {
        switch slot.state {
        case .missing, .null: return .null
        case .value(let v): return v
        case .list: return .null
        case .group(let children):
            if node.isMapAnnotated, node.children.count == 1, let kv = node.children.first, kv.repetition == .repeated,
                !kv.children.isEmpty
            {
                guard case .list(let entries) = children[0].state else { return .map([]) }
                return .map(
                    entries.map { entry in
                        guard case .group(let parts) = entry.state else {
                            return ParquetMapEntry(key: .null, value: .null)
                        }
                        let key = value(parts[0], kv.children[0])
                        let v = kv.children.count > 1 ? value(parts[1], kv.children[1]) : .null
                        return ParquetMapEntry(key: key, value: v)
                    }
                )
            }
            if node.isListAnnotated, node.children.count == 1, let repeated = node.children.first,
                repeated.repetition == .repeated
            {
                guard case .list(let items) = children[0].state else { return .list([]) }
                let wrapsOne =
                    repeated.isGroup && repeated.children.count == 1 && repeated.name != "array"
                    && repeated.name != node.name + "_tuple"
                return .list(
                    items.map { item in
                        if wrapsOne {
                            guard case .group(let inner) = item.state else { return .null }
                            return value(inner[0], repeated.children[0])
                        }
                        return element(item, repeated)
                    }
                )
            }
            return .group(zip(node.children, children).map { ParquetGroupField(name: $0.name, value: value($1, $0)) })
        }
    }
}

extension ParquetFile {
    /// Reads the top-level columns `columns` (all when `nil`) of any nesting as value trees.
    /// Names that are not in the file are refused; callers that tolerate absent columns
    /// (Delta checkpoints without `remove`) check ``root`` first.
    public func makeRecordReader(columns: [String]? = nil, rowGroups: [Int]? = nil) throws -> ParquetRecordReader {
        let nodes = try (columns ?? root.children.map(\.name)).map { name in
            guard let node = root.child(name) else {
                throw ExtractError(
                    .notFound,
                    "the Parquet file has no column '\(name)'",
                    context: .init(column: name, path: displayPath)
                )
            }
            return node
        }
        return ParquetRecordReader(file: self, columns: nodes, rowGroups: try checkedRowGroups(rowGroups))
    }
}
