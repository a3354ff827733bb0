import AlongsideCore

/// A piece of HTML that is safe to send: text put into it is escaped when it is made, so a view cannot forget.
public struct Node: Sendable, ExpressibleByStringInterpolation {
    public let html: String

    /// Escaped text.
    public init(text: String) { html = Node.escape(text) }
    public init(stringLiteral value: String) { self.init(text: value) }
    /// HTML written by the project itself, never built from input.
    init(trusted html: String) { self.html = html }

    static func escape(_ text: String) -> String {
        Text.escaping(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }
}

/// An attribute on an element; a nil value writes a boolean attribute (`required`).
public struct Attribute: Sendable {
    let name: String
    let value: String?
    let include: Bool

    public init(_ name: String, _ value: String?, if include: Bool = true) {
        self.name = name
        self.value = value
        self.include = include
    }

    public static func `class`(_ v: String) -> Attribute { .init("class", v) }
    public static func id(_ v: String) -> Attribute { .init("id", v) }
    public static func href(_ v: String) -> Attribute { .init("href", v) }
    public static func type(_ v: String) -> Attribute { .init("type", v) }
    public static func name(_ v: String) -> Attribute { .init("name", v) }
    public static func value(_ v: String) -> Attribute { .init("value", v) }
    public static func flag(_ name: String, _ on: Bool) -> Attribute { .init(name, nil, if: on) }
}

/// Builds lists of nodes from Swift statements: strings become escaped text, `if` and `for` work.
@resultBuilder
public enum HTMLContent {
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildExpression(_ text: String) -> [Node] { [Node(text: text)] }
    public static func buildOptional(_ nodes: [Node]?) -> [Node] { nodes ?? [] }
    public static func buildEither(first nodes: [Node]) -> [Node] { nodes }
    public static func buildEither(second nodes: [Node]) -> [Node] { nodes }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

private let voidElements: Set<String> = ["input", "br", "meta", "link", "img", "hr"]

/// An element with attributes and content.
public func el(_ name: String, _ attributes: Attribute..., @HTMLContent content: () -> [Node] = { [] }) -> Node {
    element(name, attributes, content())
}

func element(_ name: String, _ attributes: [Attribute], _ children: [Node]) -> Node {
    var html = "<" + name
    for a in attributes where a.include {
        html += " " + a.name
        if let v = a.value { html += "=\"" + Node.escape(v) + "\"" }
    }
    html += ">"
    if voidElements.contains(name) { return Node(trusted: html) }
    for child in children { html += child.html }
    html += "</" + name + ">"
    return Node(trusted: html)
}

/// Nodes side by side, as one.
public func group(@HTMLContent _ content: () -> [Node]) -> Node {
    Node(trusted: content().map(\.html).joined())
}
