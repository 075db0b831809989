#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, whose headers clash with Foundation's own ICU copy in any Swift
// module that imports both; the streaming parser needs none of it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
#include <libxml/SAX2.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void clibxml2_free(void *p) { xmlFree(p); }

/// The parser's dictionary interns every element and attribute name; comparing pointers from it avoids
/// building a Swift `String` per node.
static inline xmlDictPtr clibxml2_dict(xmlParserCtxtPtr ctxt) { return ctxt->dict; }

/// Line and column of the parser's current position, for records that are rejected after parsing.
static inline int clibxml2_line(xmlParserCtxtPtr ctxt) { return xmlSAX2GetLineNumber(ctxt); }
static inline int clibxml2_column(xmlParserCtxtPtr ctxt) { return xmlSAX2GetColumnNumber(ctxt); }

#endif
