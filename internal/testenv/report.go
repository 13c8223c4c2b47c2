package testenv

// SmallReport is a short but complete township report that parses without
// warnings, shared by the tests of the parser, the importer and the build
// command: line 1 is the issuing body, 2 the title, 4 the recipient, 6 the
// first heading and 7 its text, 11–12 the signature and date.
const SmallReport = `重庆市璧山区七塘镇人民政府
关于2023年度法治政府建设情况的报告

区政府：
　　现将我镇2023年度法治政府建设情况报告如下：
　　一、2023年推进法治政府建设的主要举措和成效
　　全面落实行政执法“三项制度”，全年办理行政处罚案件37件。
　　二、2024年工作安排
　　持续加强法治宣传教育。

重庆市璧山区七塘镇人民政府
2024年1月15日
`
