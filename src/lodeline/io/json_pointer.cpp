// SPDX-License-Identifier: Apache-2.0
// JSON pointers mapped to the line:column of the value they name in the document's text.
#include "lodeline/io/json_pointer.hpp"

#include <algorithm>
#include <memory>

#include "lodeline/io/text_file.hpp"

namespace lodeline::io {
namespace {

// Byte offsets of values over already-valid JSON text.
struct Scanner {
  std::string_view t;
  std::size_t ws(std::size_t p) const {
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')) ++p;
    return p;
  }
  std::size_t skip_string(std::size_t p) const {  // p at the opening quote
    ++p;
    while (p < t.size() && t[p] != '"') p += (t[p] == '\\') ? 2 : 1;
    return std::min(p + 1, t.size());
  }
  std::string read_key(std::size_t p) const {  // p at the opening quote; simple unescape
    std::string key;
    ++p;
    while (p < t.size() && t[p] != '"') {
      if (t[p] == '\\' && p + 1 < t.size()) {
        key.push_back(t[p + 1]);
        p += 2;
      } else {
        key.push_back(t[p++]);
      }
    }
    return key;
  }
  std::size_t skip_value(std::size_t p) const {
    p = ws(p);
    if (p >= t.size()) return p;
    if (t[p] == '"') return skip_string(p);
    if (t[p] == '{' || t[p] == '[') {
      int depth = 0;
      while (p < t.size()) {
        const char c = t[p];
        if (c == '"') {
          p = skip_string(p);
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') {
          if (--depth == 0) return p + 1;
        }
        ++p;
      }
      return p;
    }
    while (p < t.size() && t[p] != ',' && t[p] != '}' && t[p] != ']' && t[p] != ' ' &&
           t[p] != '\n' && t[p] != '\r' && t[p] != '\t')
      ++p;
    return p;
  }
  // Offset of the child `token` of the value at p, or npos.
  std::size_t child(std::size_t p, const std::string& token) const {
    p = ws(p);
    if (p >= t.size()) return std::string_view::npos;
    if (t[p] == '{') {
      p = ws(p + 1);
      while (p < t.size() && t[p] == '"') {
        const std::string key = read_key(p);
        p = ws(skip_string(p));
        if (p < t.size() && t[p] == ':') p = ws(p + 1);
        if (key == token) return p;
        p = ws(skip_value(p));
        if (p < t.size() && t[p] == ',') p = ws(p + 1);
      }
      return std::string_view::npos;
    }
    if (t[p] == '[') {
      std::size_t index = 0;
      for (char c : token)
        if (c < '0' || c > '9') return std::string_view::npos;
      if (token.empty()) return std::string_view::npos;
      index = static_cast<std::size_t>(std::stoull(token));
      p = ws(p + 1);
      for (std::size_t i = 0; p < t.size() && t[p] != ']'; ++i) {
        if (i == index) return p;
        p = ws(skip_value(p));
        if (p < t.size() && t[p] == ',') p = ws(p + 1);
      }
    }
    return std::string_view::npos;
  }
};

}  // namespace

std::vector<std::string> json_pointer_tokens(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < pointer.size()) {
    if (pointer[p] != '/') break;
    const std::size_t q = pointer.find('/', p + 1);
    std::string tok = pointer.substr(p + 1, q == std::string::npos ? std::string::npos : q - p - 1);
    std::string un;
    for (std::size_t i = 0; i < tok.size(); ++i) {
      if (tok[i] == '~' && i + 1 < tok.size()) {
        un.push_back(tok[i + 1] == '1' ? '/' : '~');
        ++i;
      } else {
        un.push_back(tok[i]);
      }
    }
    out.push_back(un);
    if (q == std::string::npos) break;
    p = q;
  }
  return out;
}

JsonLocator json_text_locator(std::string text, std::string file) {
  auto doc = std::make_shared<const std::string>(std::move(text));
  return [doc, file = std::move(file)](const std::string& pointer) {
    const Scanner sc{*doc};
    std::size_t p = sc.ws(0);
    for (const auto& tok : json_pointer_tokens(pointer)) {
      const std::size_t c = sc.child(p, tok);
      if (c == std::string_view::npos) break;
      p = c;
    }
    return location_of(*doc, p, file);
  };
}

}  // namespace lodeline::io
