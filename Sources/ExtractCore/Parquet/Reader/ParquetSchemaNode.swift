/// One node of a Parquet file's schema tree: a group (struct, list, map) or a primitive leaf.
public struct ParquetSchemaNode: Sendable {
    /// How often a node occurs in its parent.
    public enum Repetition: Sendable, Hashable {
        case required, optional, repeated
    }

    /// The field name as the file spells it.
    public let name: String
    public let repetition: Repetition
    /// The children of a group; empty for a leaf.
    public let children: [ParquetSchemaNode]
    /// The dotted path from the root (`add.partitionValues.key_value.key`).
    public let path: [String]
    /// The leaf's column index in row groups (depth-first order); `nil` for groups.
    public let leafIndex: Int?
    /// The Parquet field id, when the writer set one (Delta column mapping `id` mode).
    public let fieldID: Int32?

    let element: ParquetSchemaElement

    /// Whether this is a group (struct, list or map) rather than a primitive column.
    public var isGroup: Bool { leafIndex == nil }
    /// Whether the group is annotated LIST.
    public var isListAnnotated: Bool { element.logicalType == .list || element.convertedType == .list }
    /// Whether the group is annotated MAP (or the legacy MAP_KEY_VALUE).
    public var isMapAnnotated: Bool {
        element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
    }

    /// The child named `name`.
    public func child(_ name: String) -> ParquetSchemaNode? { children.first { $0.name == name } }

    /// The type as text for messages: `int64`, `string`, `struct<a:int32,b:list<string>>`.
    public var typeDescription: String {
        if isGroup {
            if isMapAnnotated, let kv = children.first, kv.children.count >= 1 {
                let key = kv.children[0].typeDescription
                let value = kv.children.count > 1 ? kv.children[1].typeDescription : "null"
                return "map<\(key),\(value)>"
            }
            if isListAnnotated, let repeated = children.first {
                let element =
                    repeated.isGroup && repeated.children.count == 1 && repeated.name != "array"
                        && !repeated.name.hasSuffix("_tuple")
                    ? repeated.children[0] : repeated.asNonRepeated
                return "list<\(element.typeDescription)>"
            }
            let inner =
                "struct<" + children.map { "\($0.name):\($0.asNonRepeated.typeDescription)" }.joined(separator: ",")
                + ">"
            return repetition == .repeated ? "list<\(inner)>" : inner
        }
        let base: String
        switch ParquetLeafType.map(element) {
        case .success(let mapped): base = mapped.columnType.description
        case .failure: base = element.type?.name ?? "?"
        }
        return repetition == .repeated ? "list<\(base)>" : base
    }

    private var asNonRepeated: ParquetSchemaNode {
        guard repetition == .repeated else { return self }
        return ParquetSchemaNode(
            name: name,
            repetition: .required,
            children: children,
            path: path,
            leafIndex: leafIndex,
            fieldID: fieldID,
            element: element
        )
    }

    init(
        name: String,
        repetition: Repetition,
        children: [ParquetSchemaNode],
        path: [String],
        leafIndex: Int?,
        fieldID: Int32?,
        element: ParquetSchemaElement
    ) {
        self.name = name
        self.repetition = repetition
        self.children = children
        self.path = path
        self.leafIndex = leafIndex
        self.fieldID = fieldID
        self.element = element
    }
}

/// A primitive column of the file, with the levels the Dremel encoding gives it.
struct ParquetLeafColumn: Sendable {
    let index: Int
    let path: [String]
    let element: ParquetSchemaElement
    let physicalType: ParquetPhysicalType
    let typeLength: Int
    let maxDefinitionLevel: Int
    let maxRepetitionLevel: Int
    /// The nodes from the top-level field down to the leaf (the root excluded).
    let nodes: [ParquetSchemaNode.Repetition]

    var dottedPath: String { path.joined(separator: ".") }
}

/// Builds the schema tree from the footer's depth-first element list.
enum ParquetSchemaBuilder {
    static func build(_ elements: [ParquetSchemaElement]) throws -> (
        root: ParquetSchemaNode, leaves: [ParquetLeafColumn]
    ) {
        guard let rootElement = elements.first else { throw CompactProtocolReader.malformed("the schema is empty") }
        var next = 1
        var leaves: [ParquetLeafColumn] = []
        func node(
            _ element: ParquetSchemaElement,
            path: [String],
            def: Int,
            rep: Int,
            depth: Int,
            chain: [ParquetSchemaNode.Repetition]
        ) throws -> ParquetSchemaNode {
            guard depth < 64 else { throw CompactProtocolReader.malformed("the schema is nested more than 64 deep") }
            let repetition: ParquetSchemaNode.Repetition
            switch element.repetition ?? .required {
            case .required: repetition = .required
            case .optional: repetition = .optional
            case .repeated: repetition = .repeated
            }
            let def = def + (repetition == .required ? 0 : 1)
            let rep = rep + (repetition == .repeated ? 1 : 0)
            let chain = chain + [repetition]
            let childCount = Int(element.numChildren ?? 0)
            if element.type == nil || childCount > 0 {
                guard childCount >= 0, childCount <= elements.count - next else {
                    throw CompactProtocolReader.malformed(
                        "schema element '\(element.name)' claims \(childCount) children, more than the schema has"
                    )
                }
                var children: [ParquetSchemaNode] = []
                for _ in 0..<childCount {
                    // Siblings' claims add up: each child needs an element that is still left.
                    guard next < elements.count else {
                        throw CompactProtocolReader.malformed(
                            "schema element '\(element.name)' claims \(childCount) children, more than the schema has"
                        )
                    }
                    let child = elements[next]
                    next += 1
                    children.append(
                        try node(child, path: path + [child.name], def: def, rep: rep, depth: depth + 1, chain: chain)
                    )
                }
                return ParquetSchemaNode(
                    name: element.name,
                    repetition: repetition,
                    children: children,
                    path: path,
                    leafIndex: nil,
                    fieldID: element.fieldID,
                    element: element
                )
            }
            let index = leaves.count
            guard let physical = element.type else {
                throw CompactProtocolReader.malformed("leaf '\(element.name)' has no type")
            }
            let typeLength = Int(element.typeLength ?? 0)
            if physical == .fixedLenByteArray {
                guard typeLength > 0 else {
                    throw CompactProtocolReader.malformed(
                        "FIXED_LEN_BYTE_ARRAY column '\(path.joined(separator: "."))' has length \(typeLength)"
                    )
                }
            }
            leaves.append(
                ParquetLeafColumn(
                    index: index,
                    path: path,
                    element: element,
                    physicalType: physical,
                    typeLength: physical == .int96 ? 12 : typeLength,
                    maxDefinitionLevel: def,
                    maxRepetitionLevel: rep,
                    nodes: chain
                )
            )
            return ParquetSchemaNode(
                name: element.name,
                repetition: repetition,
                children: [],
                path: path,
                leafIndex: index,
                fieldID: element.fieldID,
                element: element
            )
        }
        let rootChildren = Int(rootElement.numChildren ?? 0)
        guard rootChildren >= 0, rootChildren <= elements.count - 1 else {
            throw CompactProtocolReader.malformed(
                "the schema root claims \(rootChildren) children, more than the schema has"
            )
        }
        var children: [ParquetSchemaNode] = []
        for _ in 0..<rootChildren {
            guard next < elements.count else {
                throw CompactProtocolReader.malformed(
                    "the schema root claims \(rootChildren) children, more than the schema has"
                )
            }
            let child = elements[next]
            next += 1
            children.append(try node(child, path: [child.name], def: 0, rep: 0, depth: 1, chain: []))
        }
        let root = ParquetSchemaNode(
            name: rootElement.name,
            repetition: .required,
            children: children,
            path: [],
            leafIndex: nil,
            fieldID: nil,
            element: rootElement
        )
        return (root, leaves)
    }
}
