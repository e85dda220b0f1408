// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "tools/graphsim/model/ODataFilter.h"

#include <QJsonArray>
#include <QList>
#include <QStringList>

#include <algorithm>

namespace graphsim {

struct FilterNode
{
    enum class Kind { And, Or, Not, Compare, Function, Literal, Property };
    Kind kind = Kind::Literal;
    QString op;                      ///< eq/ne/gt/ge/lt/le or function name
    QStringList path;                ///< Property
    QJsonValue literal;              ///< Literal
    std::unique_ptr<FilterNode> left, right;
    QList<std::shared_ptr<FilterNode>> args;
};

namespace {

struct Token
{
    enum class Type { Ident, String, Number, LParen, RParen, Comma, End };
    Type type = Type::End;
    QString text;
};

class Parser
{
public:
    Parser(const QString& text, const QJsonObject& prototype, const QString& entityType)
        : m_prototype(prototype), m_entityType(entityType)
    {
        tokenize(text);
    }

    std::unique_ptr<FilterNode> parse()
    {
        auto node = parseOr();
        if (node && peek().type != Token::Type::End)
            error(QStringLiteral("Syntax error at position %1 in '%2'.").arg(m_pos).arg(m_source));
        return m_error.isEmpty() ? std::move(node) : nullptr;
    }
    QString errorText() const { return m_error; }

private:
    void tokenize(const QString& text)
    {
        m_source = text;
        qsizetype i = 0;
        while (i < text.size()) {
            const QChar c = text.at(i);
            if (c.isSpace()) {
                ++i;
            } else if (c == u'(') {
                m_tokens.append({Token::Type::LParen, QStringLiteral("(")});
                ++i;
            } else if (c == u')') {
                m_tokens.append({Token::Type::RParen, QStringLiteral(")")});
                ++i;
            } else if (c == u',') {
                m_tokens.append({Token::Type::Comma, QStringLiteral(",")});
                ++i;
            } else if (c == u'\'') {
                QString value;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    if (text.at(i) == u'\'') {
                        if (i + 1 < text.size() && text.at(i + 1) == u'\'') {
                            value += u'\'';
                            i += 2;
                            continue;
                        }
                        closed = true;
                        ++i;
                        break;
                    }
                    value += text.at(i++);
                }
                if (!closed)
                    error(QStringLiteral("Unterminated string literal in '%1'.").arg(text));
                m_tokens.append({Token::Type::String, value});
            } else if (c.isDigit() || (c == u'-' && i + 1 < text.size() && text.at(i + 1).isDigit())) {
                qsizetype j = i + 1;
                while (j < text.size() && (text.at(j).isDigit() || text.at(j) == u'.'))
                    ++j;
                m_tokens.append({Token::Type::Number, text.mid(i, j - i)});
                i = j;
            } else if (c.isLetter() || c == u'_' || c == u'@' || c == u'#') {
                qsizetype j = i + 1;
                while (j < text.size() && (text.at(j).isLetterOrNumber() || text.at(j) == u'_' || text.at(j) == u'/'
                                           || text.at(j) == u'.' || text.at(j) == u'@'))
                    ++j;
                m_tokens.append({Token::Type::Ident, text.mid(i, j - i)});
                i = j;
            } else {
                error(QStringLiteral("Syntax error: character '%1' is not valid at position %2.").arg(c).arg(i));
                return;
            }
        }
        m_tokens.append({Token::Type::End, {}});
    }

    const Token& peek() const { return m_tokens.at(qMin(m_pos, m_tokens.size() - 1)); }
    Token take() { return m_tokens.at(qMin(m_pos++, m_tokens.size() - 1)); }
    bool isKeyword(const Token& t, const char* word) const
    {
        return t.type == Token::Type::Ident && t.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    void error(const QString& message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    std::unique_ptr<FilterNode> binary(FilterNode::Kind kind, std::unique_ptr<FilterNode> l, std::unique_ptr<FilterNode> r)
    {
        auto node = std::make_unique<FilterNode>();
        node->kind = kind;
        node->left = std::move(l);
        node->right = std::move(r);
        return node;
    }

    std::unique_ptr<FilterNode> parseOr()
    {
        auto left = parseAnd();
        while (m_error.isEmpty() && isKeyword(peek(), "or")) {
            take();
            left = binary(FilterNode::Kind::Or, std::move(left), parseAnd());
        }
        return left;
    }

    std::unique_ptr<FilterNode> parseAnd()
    {
        auto left = parseUnary();
        while (m_error.isEmpty() && isKeyword(peek(), "and")) {
            take();
            left = binary(FilterNode::Kind::And, std::move(left), parseUnary());
        }
        return left;
    }

    std::unique_ptr<FilterNode> parseUnary()
    {
        if (isKeyword(peek(), "not")) {
            take();
            auto node = std::make_unique<FilterNode>();
            node->kind = FilterNode::Kind::Not;
            node->left = parseUnary();
            return node;
        }
        return parseComparison();
    }

    std::unique_ptr<FilterNode> parseComparison()
    {
        auto left = parsePrimary();
        static const QStringList ops = {QStringLiteral("eq"), QStringLiteral("ne"), QStringLiteral("gt"),
                                        QStringLiteral("ge"), QStringLiteral("lt"), QStringLiteral("le"),
                                        QStringLiteral("has")};
        if (m_error.isEmpty() && peek().type == Token::Type::Ident && ops.contains(peek().text.toLower())) {
            auto node = std::make_unique<FilterNode>();
            node->kind = FilterNode::Kind::Compare;
            node->op = take().text.toLower();
            node->left = std::move(left);
            node->right = parsePrimary();
            return node;
        }
        return left;
    }

    std::unique_ptr<FilterNode> parsePrimary()
    {
        const Token t = take();
        auto node = std::make_unique<FilterNode>();
        switch (t.type) {
        case Token::Type::LParen: {
            auto inner = parseOr();
            if (take().type != Token::Type::RParen)
                error(QStringLiteral("Syntax error: ')' expected in '%1'.").arg(m_source));
            return inner;
        }
        case Token::Type::String:
            node->kind = FilterNode::Kind::Literal;
            node->literal = t.text;
            return node;
        case Token::Type::Number:
            node->kind = FilterNode::Kind::Literal;
            node->literal = t.text.toDouble();
            return node;
        case Token::Type::Ident:
            break;
        case Token::Type::RParen:
        case Token::Type::Comma:
        case Token::Type::End:
            error(QStringLiteral("Syntax error at position %1 in '%2'.").arg(m_pos).arg(m_source));
            return nullptr;
        }
        const QString lower = t.text.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("false")) {
            node->kind = FilterNode::Kind::Literal;
            node->literal = lower == QLatin1String("true");
            return node;
        }
        if (lower == QLatin1String("null")) {
            node->kind = FilterNode::Kind::Literal;
            node->literal = QJsonValue::Null;
            return node;
        }
        if (peek().type == Token::Type::LParen) {
            static const QStringList functions = {QStringLiteral("startswith"), QStringLiteral("endswith"),
                                                  QStringLiteral("contains"), QStringLiteral("isof")};
            if (!functions.contains(lower)) {
                error(QStringLiteral("An unknown function with name '%1' was found.").arg(t.text));
                return nullptr;
            }
            take();
            node->kind = FilterNode::Kind::Function;
            node->op = lower;
            while (m_error.isEmpty() && peek().type != Token::Type::RParen && peek().type != Token::Type::End) {
                node->args.append(std::shared_ptr<FilterNode>(parseOr().release()));
                if (peek().type == Token::Type::Comma)
                    take();
            }
            if (take().type != Token::Type::RParen)
                error(QStringLiteral("Syntax error: ')' expected in '%1'.").arg(m_source));
            return node;
        }
        node->kind = FilterNode::Kind::Property;
        node->path = t.text.split(u'/');
        checkPath(node->path, t.text);
        return node;
    }

    void checkPath(const QStringList& path, const QString& text)
    {
        QJsonValue current = m_prototype;
        for (const QString& segment : path) {
            const QJsonObject object = current.toObject();
            bool found = false;
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key().compare(segment, Qt::CaseInsensitive) == 0) {
                    current = it.value();
                    found = true;
                    break;
                }
            }
            if (!found) {
                error(QStringLiteral("Invalid filter clause: Could not find a property named '%1' on type '%2'.")
                          .arg(segment, m_entityType));
                Q_UNUSED(text)
                return;
            }
        }
    }

    QList<Token> m_tokens;
    qsizetype m_pos = 0;
    QString m_source;
    QString m_error;
    QJsonObject m_prototype;
    QString m_entityType;
};

QJsonValue resolve(const QJsonObject& entity, const QStringList& path)
{
    QJsonValue current = entity;
    for (const QString& segment : path) {
        const QJsonObject object = current.toObject();
        QJsonValue next = QJsonValue::Undefined;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().compare(segment, Qt::CaseInsensitive) == 0) {
                next = it.value();
                break;
            }
        }
        current = next;
    }
    return current.isUndefined() ? QJsonValue(QJsonValue::Null) : current;
}

QJsonValue evaluate(const FilterNode& node, const QJsonObject& entity);

int compareValues(const QJsonValue& a, const QJsonValue& b, bool* comparable)
{
    *comparable = true;
    if (a.isNull() || b.isNull()) {
        *comparable = a.isNull() && b.isNull();
        return 0;
    }
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    if (a.isBool() && b.isBool())
        return a.toBool() == b.toBool() ? 0 : 1;
    if (a.isString() && b.isString())
        return a.toString().compare(b.toString(), Qt::CaseInsensitive);
    *comparable = false;
    return 0;
}

bool truthy(const QJsonValue& v)
{
    return v.isBool() && v.toBool();
}

QJsonValue evaluate(const FilterNode& node, const QJsonObject& entity)
{
    switch (node.kind) {
    case FilterNode::Kind::And:
        return truthy(evaluate(*node.left, entity)) && truthy(evaluate(*node.right, entity));
    case FilterNode::Kind::Or:
        return truthy(evaluate(*node.left, entity)) || truthy(evaluate(*node.right, entity));
    case FilterNode::Kind::Not:
        return !truthy(evaluate(*node.left, entity));
    case FilterNode::Kind::Literal:
        return node.literal;
    case FilterNode::Kind::Property:
        return resolve(entity, node.path);
    case FilterNode::Kind::Compare: {
        const QJsonValue l = evaluate(*node.left, entity);
        const QJsonValue r = evaluate(*node.right, entity);
        if (node.op == QLatin1String("has")) {
            // Flags enums ("platforms": "windows10,macOS") hold a member when one of their
            // comma-separated names is it.
            const QStringList members = l.toString().split(u',', Qt::SkipEmptyParts);
            return std::any_of(members.begin(), members.end(), [&r](const QString& member) {
                return member.trimmed().compare(r.toString(), Qt::CaseInsensitive) == 0;
            });
        }
        bool comparable = false;
        const int c = compareValues(l, r, &comparable);
        if (node.op == QLatin1String("eq"))
            return comparable && c == 0;
        if (node.op == QLatin1String("ne"))
            return !(comparable && c == 0);
        if (!comparable)
            return false;
        if (node.op == QLatin1String("gt"))
            return c > 0;
        if (node.op == QLatin1String("ge"))
            return c >= 0;
        if (node.op == QLatin1String("lt"))
            return c < 0;
        return c <= 0;
    }
    case FilterNode::Kind::Function: {
        if (node.op == QLatin1String("isof")) {
            const QString type = node.args.isEmpty() ? QString() : evaluate(*node.args.last(), entity).toString();
            const QString actual = entity.value(QStringLiteral("@odata.type")).toString();
            return actual.endsWith(type, Qt::CaseInsensitive);
        }
        if (node.args.size() != 2)
            return false;
        const QString a = evaluate(*node.args.at(0), entity).toString();
        const QString b = evaluate(*node.args.at(1), entity).toString();
        if (node.op == QLatin1String("startswith"))
            return a.startsWith(b, Qt::CaseInsensitive);
        if (node.op == QLatin1String("endswith"))
            return a.endsWith(b, Qt::CaseInsensitive);
        return a.contains(b, Qt::CaseInsensitive);
    }
    }
    return false;
}

} // namespace

ODataFilter::ODataFilter() = default;
ODataFilter::~ODataFilter() = default;
ODataFilter::ODataFilter(ODataFilter&&) noexcept = default;
ODataFilter& ODataFilter::operator=(ODataFilter&&) noexcept = default;

bool ODataFilter::parse(const QString& expression, const QJsonObject& prototype, const QString& entityType, QString* error)
{
    m_root.reset();
    if (expression.trimmed().isEmpty())
        return true;
    Parser parser(expression, prototype, entityType);
    auto root = parser.parse();
    if (!root) {
        *error = parser.errorText().isEmpty() ? QStringLiteral("Invalid filter clause.") : parser.errorText();
        return false;
    }
    m_root = std::move(root);
    return true;
}

bool ODataFilter::matches(const QJsonObject& entity) const
{
    return !m_root || truthy(evaluate(*m_root, entity));
}

} // namespace graphsim
