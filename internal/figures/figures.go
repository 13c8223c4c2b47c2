// Package figures finds the quantitative statements of a report's text —
// 开展普法活动48场次, 受教育群众2200余人次, 调解成功率达98%, 罚款3.86万元 — and
// sorts those that count a comparable indicator (indicators.yaml). Each fact
// keeps the number, its qualifier and unit as written and the sentence it
// came from; nothing is rounded, summed or guessed. It is a leaf: the site
// gives it plain text and decides what to show.
package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fact is one number with a unit in a report's text.
type Fact struct {
	// Part is the part of the report the fact is in, as the caller numbers
	// them (the site: 0 for the lead, i+1 for section i).
	Part int
	// Sentence is the sentence the fact came from, as written; Clause the
	// part of it between commas that holds the number.
	Sentence, Clause string
	// Written is the figure as written: qualifiers, number and unit
	// (2200余人次, 近500名, 98%以上, 3.86万元).
	Written string
	// Number is the number alone as written (2200, 一百二十, 3.86).
	Number string
	// Qualifier is 余, 多, 以上, 左右, 近, 约, 超过, 逾 or 超, or "" for an
	// exact figure; a range (3至5场) has 至 and High.
	Qualifier string
	// Unit is the unit as written (人次, 场, %, 万元); ％ is given as %.
	Unit string
	// Value is the number in the indicator's unit for comparison: 万元 and
	// 1.2万人次 are multiplied out, a percentage is its number. High is the
	// upper end of a range, else 0.
	Value, High float64
	// Indicator is the id of the indicator the fact counts, or "".
	Indicator string
	// Target says the fact is in a plans section: what a town means to do,
	// never compared with what was done.
	Target bool
	// Rate says the fact is a frequency (每月1次), not a count.
	Rate bool
	// Once says Written occurs once in the whole report, so that it alone
	// finds the fact's place; the caller sets it, knowing the whole text.
	Once bool
}

// units are the measure words a figure may end in, longest first so that
// 人次 wins over 人.
var units = []string{
	"人次", "场次", "家次", "户次", "批次", "件次", "个次", "余次", "车次",
	"万元", "亿元", "元", "%", "％",
	"场", "次", "件", "起", "宗", "份", "册", "本", "张", "名", "人", "个", "家", "户", "条", "期", "篇", "批", "项", "处", "位", "幅", "所", "支", "套", "台", "部", "单",
}

// notAfterUnit are what, following a measure word, make it part of another
// word: 3人民调解, 一次性, 起草, 期间.
var notAfterUnit = map[string]string{
	"人": "民员大",
	"次": "性",
	"起": "草诉步",
	"期": "间限",
	"家": "庭",
	"本": "级",
	"项": "目",
	"部": "门署",
	"处": "理置罚",
	"名": "义",
	"张": "贴",
	"单": "位",
}

// stopPhrases are set phrases whose numbers are names, not figures: 三项制度,
// 四个意识, 一站式, 八五普法 (the last needs no entry: 普 is no unit).
var stopPhrases = []string{"三位一体", "四位一体", "五位一体", "三项制度", "一次性", "一站式", "一体化", "一把手", "一件事", "一张网", "一网通", "一窗", "三会一课", "一村一", "一户一", "一事一", "一案一", "一月一", "一季一", "一周一", "两个维护", "两个确立", "双随机", "一公开", "两法衔接", "两个责任", "三个一", "四个", "五个"}

// sentenceEnds end a sentence; clauseEnds end a clause within one.
const (
	sentenceEnds = "。！？!?；;\n"
	clauseEnds   = "，,：:、（）()“”\"" + sentenceEnds
	clauseSeps   = "，,；;：:"
)

// Extract returns the facts of a text, in order, each sorted into the
// indicator it counts, if any. part is copied into each.
func (t *Taxonomy) Extract(text string, part int) []Fact {
	var out []Fact
	for sent := range pieces(text, sentenceEnds) {
		if !hasCandidate(sent) {
			continue
		}
		s := strings.TrimSpace(sent)
		first := len(out)
		at := 0
		for clause := range pieces(s, clauseSeps) {
			out = t.clauseFacts(out, s, at, clause, part)
			at += len(clause)
		}
		// A sentence that starts with 其中 breaks down the one before.
		from := first
		if strings.HasPrefix(s, "其中") {
			from = 0
		}
		breakdowns(out[from:], out[first:], s)
	}
	return out
}

// breakdowns gives the parts listed after 其中 that name no indicator of
// their own (其中，工作情况497条，政策文件2条) the indicator of the figure
// before them with the same unit. all are the facts to look back in; mine,
// their tail, the facts of the sentence.
func breakdowns(all, mine []Fact, sentence string) {
	if !strings.Contains(sentence, "其中") {
		return
	}
	offset := len(all) - len(mine)
	for k := range mine {
		f := &mine[k]
		if f.Indicator != "" || f.Rate || !strings.Contains(sentence[:strings.Index(sentence, f.Clause)+len(f.Clause)], "其中") {
			continue
		}
		for j := offset + k - 1; j >= 0; j-- {
			if p := all[j]; p.Indicator != "" && p.Unit == f.Unit {
				f.Indicator = p.Indicator
				break
			}
		}
	}
}

// pieces yields the pieces of s cut after each rune of seps, each with its
// separator. A comma between digits that groups thousands (38,650) does not
// cut. It looks at bytes, not runes: every separator is ASCII or a
// three-byte character, and this is the hot path of Extract.
func pieces(s, seps string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			var r rune
			switch {
			case c < utf8.RuneSelf:
				r = rune(c)
			case (c == 0xE3 || c == 0xEF) && i+2 < len(s):
				r, _ = utf8.DecodeRuneInString(s[i:])
			default:
				continue
			}
			if !isSep(r, seps) {
				continue
			}
			size := utf8.RuneLen(r)
			if (r == ',' || r == '，') && i > 0 && isDigit(lastRune(s[:i])) && thousands(s[i+size:]) {
				continue
			}
			if !yield(s[start : i+size]) {
				return
			}
			start = i + size
			i += size - 1
		}
		if start < len(s) {
			yield(s[start:])
		}
	}
}

// isSep reports whether r is one of seps: sentenceEnds and the clause
// separators are tested by a switch, the hot path of Extract.
func isSep(r rune, seps string) bool {
	switch seps {
	case sentenceEnds:
		switch r {
		case '。', '！', '？', '!', '?', '；', ';', '\n':
			return true
		}
		return false
	case clauseSeps:
		switch r {
		case '，', ',', '；', ';', '：', ':':
			return true
		}
		return false
	}
	return strings.ContainsRune(seps, r)
}

// hasCandidate reports whether s holds anything a figure starts with: an
// ASCII digit, or a three-byte character that may be a full-width digit or
// a Chinese numeral (decoded only then).
func hasCandidate(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			return true
		case c >= 0xE3 && c <= 0xEF && i+2 < len(s):
			if !mayStartFigure(s, i) {
				i += 2
				continue
			}
			r, _ := utf8.DecodeRuneInString(s[i:])
			if isDigit(r) || isChineseNumeral(r) {
				return true
			}
			i += 2
		}
	}
	return false
}

// figureLeads holds, for each three-byte character a figure may start with
// (a full-width digit or a Chinese numeral), its first byte's low four bits
// and its second byte's low six, as one bit of 16×64: most characters of a
// text are told apart from these by two bytes, without decoding them.
var figureLeads = func() (t [16]uint64) {
	for _, r := range "０１２３４５６７８９零〇一二两三四五六七八九十百千万亿" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]&0x0F] |= 1 << (b[1] & 0x3F)
	}
	return t
}()

// mayStartFigure reports whether the three-byte character at s[i] (s[i] is
// 0xE0–0xEF, i+2 < len(s)) may be a full-width digit or a Chinese numeral;
// false only for well-formed characters that are neither.
func mayStartFigure(s string, i int) bool {
	b1, b2 := s[i+1], s[i+2]
	if b1&0xC0 != 0x80 || b2&0xC0 != 0x80 {
		return true // not well formed: the decoder says what it is
	}
	return figureLeads[s[i]&0x0F]&(1<<(b1&0x3F)) != 0
}

// span is a figure found in a clause, by byte offsets.
type span struct {
	start, numEnd, end int
	f                  Fact
}

// clauseFacts appends to out the facts of the clause that starts at byte
// at of the sentence.
func (t *Taxonomy) clauseFacts(out []Fact, sentence string, at int, clause string, part int) []Fact {
	var room [4]span // most clauses hold one figure or none
	spans := room[:0]
	for i := 0; i < len(clause); {
		c := clause[i]
		if c < utf8.RuneSelf && (c < '0' || c > '9') {
			i++
			continue
		}
		if c >= 0xE0 && c <= 0xEF && i+2 < len(clause) && !mayStartFigure(clause, i) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(clause[i:])
		if !isDigit(r) && !isChineseNumeral(r) {
			i += size
			continue
		}
		sp, ok := figureAt(clause, i)
		if !ok {
			i += size
			continue
		}
		spans = append(spans, sp)
		i = sp.end
	}
	if len(spans) == 0 {
		return out // most clauses of a sentence with a figure have none
	}
	trimmed := strings.TrimRight(strings.TrimSpace(clause), clauseEnds)
	for k, sp := range spans {
		f := sp.f
		f.Part, f.Sentence, f.Clause = part, sentence, trimmed
		// The words around the number: from the figure before it (or the
		// clause's start) to the figure after it (or the clause's end).
		from, to := 0, len(clause)
		if k > 0 {
			from = spans[k-1].end
		}
		if k+1 < len(spans) {
			to = spans[k+1].start
		}
		before, after := clause[from:sp.start], clause[sp.end:to]
		// After a figure, "、" 和 及 与 start the words of the next one: in
		// 1名法律顾问和2名法治员 the 2 is not a 法律顾问.
		if k > 0 {
			if i := lastIndexAny(before, "、", "和", "及", "与"); i >= 0 {
				before = before[i:]
			}
		}
		f.Rate = isRate(before)
		if f.Rate {
			out = append(out, f)
			continue
		}
		var room [2]string
		ids := t.classify(room[:0], &f, sentence[:at+sp.start], before, after)
		if len(ids) == 0 {
			out = append(out, f)
			continue
		}
		// A percentage may state two rates at once (参考率和合格率均达100%);
		// a count is one thing.
		if f.Unit != "%" {
			ids = ids[:1]
		}
		for _, id := range ids {
			f.Indicator = id
			out = append(out, f)
		}
	}
	return out
}

// lastIndexAny is the byte offset just after the last of seps in s, or -1.
func lastIndexAny(s string, seps ...string) int {
	best := -1
	for _, sep := range seps {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	return best
}

// isRate reports whether the words before a number make it a frequency:
// 每月1次, 每季度开展1次.
func isRate(before string) bool {
	i := strings.LastIndex(before, "每")
	return i >= 0 && utf8.RuneCountInString(before[i:]) <= 6
}

// figureAt reads a figure starting at byte i of s: a number (Arabic or
// Chinese, with 万 and a range), its qualifiers and a unit.
func figureAt(s string, i int) (span, bool) {
	r, _ := utf8.DecodeRuneInString(s[i:])
	var numEnd int
	var chinese bool
	switch {
	case isDigit(r):
		if i > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:i])
			if isDigit(p) || p == '.' || p == '-' || p == '/' || p == '〔' || p == '[' || p == '第' || p == '—' || unicode.IsLetter(p) && p < 0x3000 {
				return span{}, false
			}
		}
		numEnd = arabicEnd(s, i)
	case strings.HasPrefix(s[i:], "百分之"):
		numEnd = chineseEnd(s, i+len("百分之"))
		if numEnd == i+len("百分之") {
			return span{}, false
		}
		return percentWords(s, i, numEnd)
	case isChineseNumeral(r) && (r != '万' && r != '亿' || strings.HasPrefix(s[i+utf8.RuneLen(r):], "余")):
		if i > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:i])
			if isChineseNumeral(p) || p == '第' || p == '周' || p == '星' || p == '初' || p == '某' {
				return span{}, false
			}
		}
		numEnd = chineseEnd(s, i)
		chinese = true
	default:
		return span{}, false
	}
	number := s[i:numEnd]
	j := numEnd
	var high string
	// A range: 3至5场, 3-5场, 3～5场.
	for _, sep := range []string{"至", "-", "～", "~", "—", "到"} {
		if strings.HasPrefix(s[j:], sep) && j+len(sep) < len(s) && isDigit(firstRune(s[j+len(sep):])) && !chinese {
			e := arabicEnd(s, j+len(sep))
			high, j = s[j+len(sep):e], e
			break
		}
	}
	mult := 1.0
	if k := skipSpace(s, j); strings.HasPrefix(s[k:], "万") && !strings.HasPrefix(s[k:], "万元") && !chinese {
		mult, j = 1e4, k+len("万")
	}
	j = skipSpace(s, j)
	qualifier := ""
	for _, q := range []string{"余", "多"} {
		if strings.HasPrefix(s[j:], q) {
			qualifier, j = q, skipSpace(s, j+len(q))
			break
		}
	}
	unit := unitAt(s, j)
	if unit == "" {
		return span{}, false
	}
	end := j + len(unit)
	if strings.HasPrefix(s[end:], "以上") || strings.HasPrefix(s[end:], "左右") {
		if qualifier == "" {
			qualifier = s[end : end+len("以上")]
		}
		end += len("以上")
	}
	if chinese && !chineseFigureOK(s, i, number, unit) {
		return span{}, false
	}
	if chinese && inStopPhrase(s, i) {
		return span{}, false
	}
	start := i
	for _, q := range prefixQualifiers {
		if strings.HasSuffix(s[:i], q) {
			start, qualifier = i-len(q), q+qualifier
			break
		}
	}
	v, _, ok := ParseNumber(number)
	if !ok {
		return span{}, false
	}
	if unit == "％" {
		unit = "%"
	}
	f := Fact{Written: strings.TrimSpace(s[start:end]), Number: number, Qualifier: qualifier, Unit: unit, Value: v * mult}
	switch unit {
	case "万元":
		f.Value *= 1e4
	case "亿元":
		f.Value *= 1e8
	}
	if high != "" {
		h, _, _ := ParseNumber(high)
		f.High, f.Qualifier = h*mult, "至"
		if unit == "万元" {
			f.High *= 1e4
		}
	}
	return span{start: start, numEnd: numEnd, end: end, f: f}, true
}

// inStopPhrase reports whether byte i of s is inside one of stopPhrases.
func inStopPhrase(s string, i int) bool {
	for _, p := range stopPhrases {
		lo, hi := max(0, i-len(p)+1), min(len(s), i+len(p))
		if strings.Contains(s[lo:hi], p) {
			return true
		}
	}
	return false
}

// chineseFigureOK rules out the Chinese numerals that are words: a lone 一
// (一批, 一次, 一件) except before 名 and 位, and 个 after any Chinese
// numeral (四个意识, 两个维护).
func chineseFigureOK(s string, i int, number, unit string) bool {
	if unit == "个" || unit == "%" || unit == "％" {
		return false
	}
	if number == "一" && unit != "名" && unit != "位" {
		return false
	}
	return true
}

// percentWords reads 百分之九十八 (and 百分之百).
func percentWords(s string, i, numEnd int) (span, bool) {
	number := s[i+len("百分之") : numEnd]
	v, ok := chineseValue(number)
	if number == "百" {
		v, ok = 100, true
	}
	if !ok {
		return span{}, false
	}
	return span{start: i, numEnd: numEnd, end: numEnd, f: Fact{Written: s[i:numEnd], Number: s[i:numEnd], Unit: "%", Value: v}}, true
}

// unitsByFirst are units by their first character, longest first: unitAt
// runs for every numeral in a text.
var unitsByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, u := range units {
		r, _ := utf8.DecodeRuneInString(u)
		m[r] = append(m[r], u)
	}
	return m
}()

func unitAt(s string, j int) string {
	if j >= len(s) {
		return ""
	}
	for _, u := range unitsByFirst[firstRune(s[j:])] {
		if !strings.HasPrefix(s[j:], u) {
			continue
		}
		if next := s[j+len(u):]; next != "" {
			if bad, ok := notAfterUnit[u]; ok && strings.ContainsRune(bad, firstRune(next)) {
				return ""
			}
		}
		return u
	}
	return ""
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func skipSpace(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || strings.HasPrefix(s[j:], "\u3000")) {
		if s[j] == ' ' {
			j++
		} else {
			j += len("\u3000")
		}
	}
	return j
}

// arabicEnd is the end of the digits starting at i: a decimal point and
// thousands separators (1,200) belong to the number.
func arabicEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case isDigit(r):
			j += size
		case (r == '.' || r == '．') && j+size < len(s) && isDigit(firstRune(s[j+size:])):
			j += size
		case (r == ',' || r == '，') && thousands(s[j+size:]):
			j += size
		default:
			return j
		}
	}
	return j
}

// thousands reports whether s starts with exactly three digits.
func thousands(s string) bool {
	n := 0
	for _, r := range s {
		if !isDigit(r) {
			break
		}
		n++
	}
	return n == 3
}

func chineseEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isChineseNumeral(r) {
			break
		}
		// 万 ends a Chinese numeral only when more numeral or 余 follows
		// (一万二千, 两万余); 三万元 keeps 万 for the unit.
		if next := firstRune(s[j+size:]); (r == '万' || r == '亿') && !isChineseNumeral(next) && next != '余' {
			break
		}
		j += size
	}
	return j
}
