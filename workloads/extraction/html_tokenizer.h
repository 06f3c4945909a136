#pragma once
// An HTML tokenizer as an explicit state machine over spans of text. All of its
// state lives in members, never on the call stack, so it can stop at the end of
// any span (inside a tag name, an attribute, a character reference or a comment)
// and resume with the next: the streaming adapter feeds it a chunk at a time.
//
// It follows the HTML5 tokenizer where that decides what text a page shows:
// character references (named, legacy without ';', numeric with the Windows-1252
// and U+FFFD rules, the attribute-value exception), comments including the
// abrupt forms, bogus comments, DOCTYPE, RCDATA (title, textarea) and RAWTEXT
// (script, style, noscript...) with their appropriate end tags, PLAINTEXT,
// unquoted and valueless attributes, duplicate attributes (the first wins), and
// a stray '<' read as text. Script's escape states are not modelled: a script
// ends at the first "</script".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extraction_limits.h"
#include "html_tags.h"

namespace tollgate::extraction {

struct Attribute {
  std::string name;
  std::string value;
};

class Tag {
 public:
  TagId id = TagId::other;
  bool end = false;
  bool self_closing = false;

  std::string_view name() const { return std::string_view(name_, name_length_); }
  // Attributes are kept only for tags the sink asked for (TokenSink::wantsAttributes).
  const std::string* attribute(std::string_view name) const;

  // For a caller that builds tags itself instead of tokenizing them (Markdown's
  // elements handed to HtmlReader): an element by id, its attributes added after.
  void assign(TagId tag_id, bool end_tag);
  void addAttribute(std::string_view name, std::string_view value);

 private:
  friend class HtmlTokenizer;
  // Lower case, at most kMaxNameBytes (a fixed buffer: no allocation). The
  // first 8 bytes are also packed into a word as they are written, for
  // tagIdPacked: reading them back from name_ as one word, just after single
  // byte stores, stalls store-to-load forwarding on every tag.
  void clearName();
  void setName(const char* name, std::size_t length);
  void appendToName(const char* text, std::size_t length);
  TagId lookUpId() const;

  char name_[kMaxNameBytes] = {};
  std::uint64_t packed_name_ = 0;
  std::size_t name_length_ = 0;
  bool name_too_long_ = false;
  std::vector<Attribute> attributes_;  // slots reused from tag to tag
  std::size_t attribute_count_ = 0;
};

class TokenSink {
 public:
  virtual ~TokenSink() = default;
  // Character data, references decoded; RCDATA and RAWTEXT too (the sink knows
  // which element it is in from the start tag it was given). A pointer and a
  // size rather than a string_view: wasm32's C ABI passes a struct by value as
  // a pointer to a copy in memory, which the compiler can undo for a direct
  // call but not for a virtual one, and this is the tokenizer's busiest call.
  virtual void text(const char* data, std::size_t size) = 0;
  void text(std::string_view text) { this->text(text.data(), text.size()); }
  virtual bool wantsAttributes(TagId id) = 0;
  virtual void startTag(const Tag& tag) = 0;
  virtual void endTag(const Tag& tag) = 0;
};

// XML (the complete build's xml format) reads the same way except that no
// element switches to raw text and <![CDATA[...]]> is text.
enum class Dialect : std::uint8_t { html, xml };

class HtmlTokenizer {
 public:
  explicit HtmlTokenizer(TokenSink& sink, Dialect dialect = Dialect::html) : sink_(sink), dialect_(dialect) {}

  void feed(std::string_view text);
  // End of input: what HTML5 keeps of an unfinished token (a '<', an unfinished
  // reference) becomes text; an unfinished tag or comment is dropped.
  void finish();
  void reset();

 private:
  enum class State : std::uint8_t {
    data, rcdata, rawtext, plaintext,
    tag_open, end_tag_open, tag_name,
    raw_less_than, raw_end_tag_name,
    before_attr_name, attr_name, after_attr_name, before_attr_value,
    attr_value_double, attr_value_single, attr_value_unquoted, after_attr_value, self_closing,
    markup_declaration, comment_start, comment_start_dash, comment, comment_end_dash, comment_end,
    comment_end_bang, bogus_comment, cdata, cdata_bracket, cdata_end,
    char_ref, named_ref, numeric_ref, numeric_digits,
  };

  // Each step handles the state at p, returns the new position.
  const char* textStep(const char* p, const char* end);
  const char* tagStep(const char* p, const char* end);
  const char* attributeStep(const char* p, const char* end);
  const char* markupStep(const char* p, const char* end);
  const char* referenceStep(const char* p, const char* end);

  // A tag that ends within [p, end) (p just past its '<'), read in one go:
  // returns the position after its '>', or nullptr (nothing done) when the
  // states must read it (html_tokenizer_tags.cc).
  const char* wholeTag(const char* p, const char* end);
  void beginTag(bool end_tag);
  void endTagName();
  void beginAttribute();
  void endAttributeName();
  void appendToValue(std::string_view text);
  void emitTag();
  void beginReference(State return_state);
  void emitReferenceText(std::string_view text);
  // Resolves the collected name; `next` is the character that stopped it (0 at the end).
  bool resolveNamedReference(char next, bool at_end);
  void resolveNumericReference(bool semicolon);
  bool inAttribute() const;

  TokenSink& sink_;
  Dialect dialect_;
  State state_ = State::data;
  State text_state_ = State::data;  // where text goes back to: data, rcdata, rawtext, plaintext
  State return_state_ = State::data;  // after a character reference
  Tag tag_;
  bool keep_attributes_ = false;
  bool attribute_kept_ = false;
  std::string raw_name_;  // the element whose end tag ends RCDATA or RAWTEXT
  std::string raw_seen_;  // "</" and what matched of raw_name_, as written
  std::string declaration_;  // up to 7 characters after "<!"
  std::string reference_;    // a character reference's characters after '&'
  std::string decoded_;
  std::uint32_t numeric_value_ = 0;
  bool numeric_hex_ = false;
  int numeric_digits_ = 0;
};

}  // namespace tollgate::extraction
