package content

import "slices"

// FieldKind says what a front matter key holds.
type FieldKind uint8

// The kinds of front matter values.
const (
	TextField     FieldKind = iota // one string
	ListField                      // strings (joint issuers, 抄送, derived keys)
	YearField                      // the report year, a number
	SectionsField                  // the top-level sections
)

// Field is one key of the front matter: its name in files and in the open
// data, the words 政务公开 pages use for it, the Chinese keys hand-written
// files may use instead, and where its value lies in a Meta.
type Field struct {
	Key string
	// Label is what readers see it called (发文字号); "" for a key the
	// site keeps for itself (source_sha256).
	Label string
	// Aliases are the Chinese keys a hand-written file may use.
	Aliases []string
	Kind    FieldKind
	// Doc says what the value is, in the words of the open data's
	// dictionary (the data page and the CSV's metadata).
	Doc string
	// Private keeps the key out of the open data: a path in the
	// publisher's own repository (source), which readers cannot use; the
	// published copy's address is given instead.
	Private bool
	text    func(m *Meta) *string
	list    func(m *Meta) *[]string
}

// Text returns where m holds a TextField's value.
func (f *Field) Text(m *Meta) *string { return f.text(m) }

// List returns where m holds a ListField's value.
func (f *Field) List(m *Meta) *[]string { return f.list(m) }

// Fields are the keys of the front matter, in the order a content file, the
// open data (JSON and CSV) and the build cache write them: the one list
// every reader and writer of a report's metadata goes by.
var Fields = []Field{
	{Key: "title", Label: "标题", Aliases: []string{"标题"}, Doc: "报告标题，按原件所写", text: func(m *Meta) *string { return &m.Title }},
	{Key: "issuer", Label: "发文机关", Aliases: []string{"发文机关"}, Doc: "发文机关；联合发文时以“、”连接", text: func(m *Meta) *string { return &m.Issuer }},
	{Key: "issuers", Label: "发文机关", Kind: ListField, Doc: "联合发文时的各发文机关，每项一个（单一发文机关时不填）", list: func(m *Meta) *[]string { return &m.Issuers }},
	{Key: "province", Label: "省", Aliases: []string{"省"}, Doc: "所属省级行政区", text: func(m *Meta) *string { return &m.Province }},
	{Key: "city", Label: "市", Aliases: []string{"市"}, Doc: "所属地级行政区", text: func(m *Meta) *string { return &m.City }},
	{Key: "county", Label: "区县", Aliases: []string{"区县"}, Doc: "所属县级行政区", text: func(m *Meta) *string { return &m.County }},
	{Key: "town", Label: "镇（乡、街道）", Aliases: []string{"镇", "乡镇", "街道"}, Doc: "乡镇或街道名称", text: func(m *Meta) *string { return &m.Town }},
	{Key: "code", Label: "统计用区划代码", Doc: "乡镇（街道）的 9 位统计用区划代码；区划表中没有时为空", text: func(m *Meta) *string { return &m.Code }},
	{Key: "year", Label: "报告年度", Aliases: []string{"年度"}, Kind: YearField, Doc: "报告所述的年度（不是成文年份）"},
	{Key: "date", Label: "成文日期", Aliases: []string{"成文日期"}, Doc: "成文日期，YYYY-MM-DD；原件未写明时为空", text: func(m *Meta) *string { return &m.Date }},
	{Key: "signer", Label: "签发人", Aliases: []string{"签发人"}, Doc: "签发人", text: func(m *Meta) *string { return &m.Signer }},
	{Key: "doc_number", Label: "发文字号", Aliases: []string{"发文字号"}, Doc: "发文字号", text: func(m *Meta) *string { return &m.DocNumber }},
	{Key: "recipient", Label: "主送机关", Aliases: []string{"主送机关"}, Doc: "主送机关", text: func(m *Meta) *string { return &m.Recipient }},
	{Key: "cc", Label: "抄送", Aliases: []string{"抄送"}, Kind: ListField, Doc: "抄送机关，每项一个", list: func(m *Meta) *[]string { return &m.CC }},
	{Key: "printer", Label: "印发机关", Aliases: []string{"印发机关"}, Doc: "印发机关", text: func(m *Meta) *string { return &m.Printer }},
	{Key: "printed", Label: "印发日期", Aliases: []string{"印发日期"}, Doc: "印发日期，YYYY-MM-DD", text: func(m *Meta) *string { return &m.Printed }},
	{Key: "index_number", Label: "索引号", Aliases: []string{"索引号"}, Doc: "政府信息公开的索引号", text: func(m *Meta) *string { return &m.IndexNumber }},
	{Key: "published", Label: "发布日期", Aliases: []string{"发布日期"}, Doc: "原件所在网页写明的发布日期，YYYY-MM-DD；未写明时为空", text: func(m *Meta) *string { return &m.Published }},
	{Key: "added", Label: "收录日期", Aliases: []string{"收录日期"}, Doc: "本站收录该报告的日期（本站自己的日期，不是公文日期）", text: func(m *Meta) *string { return &m.Added }},
	{Key: "sections", Label: "目录", Kind: SectionsField, Doc: "报告的一级标题及其类别（measures 主要举措和成效、leadership 第一责任人履职、shortcomings 存在的不足、plans 下一年度安排、other 其他）和页面锚点"},
	{Key: "source", Private: true, Doc: "原件在发布者项目中的路径（不公开）", text: func(m *Meta) *string { return &m.Source }},
	{Key: "source_sha256", Doc: "收到的原件的 SHA-256 校验值，可用于核对下载的原件", text: func(m *Meta) *string { return &m.SourceSHA256 }},
	{Key: "derived", Kind: ListField, Doc: "不是原件写明、而是推断出来的字段名，每项一个；使用这些字段时请留意", list: func(m *Meta) *[]string { return &m.Derived }},
}

// FieldOf returns the field of a key, or nil.
func FieldOf(key string) *Field {
	if i := slices.IndexFunc(Fields, func(f Field) bool { return f.Key == key }); i >= 0 {
		return &Fields[i]
	}
	return nil
}

// Label returns what readers see a key called (发文字号 for doc_number).
func Label(key string) string {
	if f := FieldOf(key); f != nil {
		return f.Label
	}
	return ""
}

// canonicalKey returns the key a front matter key names: itself, or the
// key a Chinese alias stands for; ok is false for a key no field has.
func canonicalKey(key string) (string, bool) {
	for i := range Fields {
		f := &Fields[i]
		if f.Key == key || slices.Contains(f.Aliases, key) {
			return f.Key, true
		}
	}
	return "", false
}

// fieldRank is a key's place in Fields, for ordering lists of keys as the
// front matter does; keys of no field come last.
func fieldRank(key string) int {
	if i := slices.IndexFunc(Fields, func(f Field) bool { return f.Key == key }); i >= 0 {
		return i
	}
	return len(Fields)
}
