package report

import (
	"slices"
	"strings"
	"testing"
)

// A report on one line is cut only where a line break was: before section,
// sub-section and item markers that follow a sentence end or a heading, and
// at the space after a heading, whatever the text after it starts with.
func TestRunTogetherIsCutAtLineBreaks(t *testing.T) {
	pad := strings.Repeat("我镇推进依法行政。", 70) // makes the line long enough to hold a report
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"heading then a year", "如下: 一、主要举措和成效 2022 年,我镇推进。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措和成效", "2022 年,我镇推进。", "二、存在不足", "一是不足。"}},
		{"heading then a bracketed sub-section", "如下: 一、主要举措和成效 (1)健全制度体系 1. 我镇落实制度。2. 发挥作用。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措和成效", "(1)健全制度体系", "1. 我镇落实制度。", "2. 发挥作用。", "二、存在不足", "一是不足。"}},
		{"sub-section heading then its text", "如下: 一、主要举措 (一)压责任强保障 镇党委高度重视。(二)抓学习 班子带头。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措", "(一)压责任强保障", "镇党委高度重视。", "(二)抓学习", "班子带头。", "二、存在不足", "一是不足。"}},
		{"a decimal is not an item", "如下: 一、主要举措 投入资金。1.5万元用于公开栏。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措", "投入资金。1.5万元用于公开栏。", "二、存在不足", "一是不足。"}},
		{"a figure inside a sentence is not an item", "如下: 一、主要举措 评查案卷48卷,2、3月各一次。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措", "评查案卷48卷,2、3月各一次。", "二、存在不足", "一是不足。"}},
		{"items 、 numbered", "如下: 一、主要举措 (1)加强监督 1、开展评查。2、落实制度。二、存在不足 一是不足。",
			[]string{"如下:", "一、主要举措", "(1)加强监督", "1、开展评查。", "2、落实制度。", "二、存在不足", "一是不足。"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cutRunTogether(pad + tc.in)
			want := append([]string{pad + tc.want[0]}, tc.want[1:]...)
			if !slices.Equal(got, want) {
				t.Errorf("cut into\n%q\nwant\n%q", trimPad(got, pad), tc.want)
			}
			// Only line breaks are inserted: the pieces, with the spaces at
			// the cuts, are the line.
			if joined := strings.Join(got, ""); strings.ReplaceAll(pad+tc.in, " ", "") != strings.ReplaceAll(joined, " ", "") {
				t.Errorf("pieces %q do not make up the line", got)
			}
		})
	}
}

func trimPad(pieces []string, pad string) []string {
	out := slices.Clone(pieces)
	if len(out) > 0 {
		out[0] = strings.TrimPrefix(out[0], pad)
	}
	return out
}

// A portal page copied onto one line starts with the page's chrome and
// metadata: each part goes back on a line of its own, where the portal
// rules recognise it, and the title block follows as the page had it.
func TestPortalPreambleIsCutIntoItsLines(t *testing.T) {
	body := "2023年,我镇推进依法行政。" + strings.Repeat("我镇推进依法行政。", 70) + " 一、主要举措 一是规范决策。二、存在不足 一是不足。"
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"chrome, metadata, 发文字号, issuers", "首页 > 政务公开 > 法治政府建设年度报告 字体大小:大 中 小 语音播报 2024-03-16 星期六 索引号:11500153MB1C0891/2024-00312 发布机构:清升镇人民政府 成文日期:2024-01-18 清升委文〔2024〕3号 签发人:李明华 中共清升镇委员会 清升镇人民政府 关于2023年法治政府建设情况的报告 区政府: ",
			[]string{"首页 > 政务公开 > 法治政府建设年度报告", "字体大小:大 中 小 语音播报", "2024-03-16 星期六", "索引号:11500153MB1C0891/2024-00312 发布机构:清升镇人民政府 成文日期:2024-01-18",
				"清升委文〔2024〕3号 签发人:李明华", "中共清升镇委员会", "清升镇人民政府", "关于2023年法治政府建设情况的报告", "区政府:"}},
		{"a label and its value apart", "当前位置: 首页 > 信息公开 索引号: 11500153MB1C0891/2024-00312 发布日期: 2024-03-05 清升镇人民政府2023年法治政府建设年度报告 区政府: ",
			[]string{"当前位置: 首页 > 信息公开", "索引号: 11500153MB1C0891/2024-00312 发布日期: 2024-03-05", "清升镇人民政府2023年法治政府建设年度报告", "区政府:"}},
		{"a title that starts with its issuer keeps it", "清升镇人民政府 2023 年法治政府建设年度报告 区政府: ",
			[]string{"清升镇人民政府 2023 年法治政府建设年度报告", "区政府:"}},
		{"no preamble", "关于2023年法治政府建设情况的报告 区政府: ",
			[]string{"关于2023年法治政府建设情况的报告", "区政府:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cutRunTogether(tc.in + body)
			if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) || !strings.HasPrefix(got[len(tc.want)], "2023年,我镇") {
				t.Errorf("cut into\n%q\nwant first\n%q", got[:min(len(got), len(tc.want)+1)], tc.want)
			}
		})
	}
}
