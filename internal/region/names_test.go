package region

import (
	"slices"
	"testing"
)

func TestUnitFormsAreHowTextsWriteDivisions(t *testing.T) {
	tests := []struct {
		name  string
		level level
		want  []string
	}{
		{"重庆市", levelProvince, []string{"重庆市", "重庆"}},
		{"四川省", levelProvince, []string{"四川省", "四川"}},
		{"广西壮族自治区", levelProvince, []string{"广西壮族自治区", "广西"}},
		{"新疆维吾尔自治区", levelProvince, []string{"新疆维吾尔自治区", "新疆"}},
		{"内蒙古自治区", levelProvince, []string{"内蒙古自治区", "内蒙古"}}, // not 内 + 蒙古
		{"西藏自治区", levelProvince, []string{"西藏自治区", "西藏"}},    // not 西 + 藏
		{"广元市", levelCity, []string{"广元市", "广元"}},
		{"恩施土家族苗族自治州", levelCity, []string{"恩施土家族苗族自治州", "恩施州", "恩施"}},
		{"巴音郭楞蒙古自治州", levelCity, []string{"巴音郭楞蒙古自治州", "巴音郭楞州", "巴音郭楞"}},
		{"大兴安岭地区", levelCity, []string{"大兴安岭地区", "大兴安岭"}},
		{"锡林郭勒盟", levelCity, []string{"锡林郭勒盟", "锡林郭勒"}},
		{"云阳县", levelCounty, []string{"云阳县", "云阳"}},
		{"沙坪坝区", levelCounty, []string{"沙坪坝区", "沙坪坝"}},
		{"石柱土家族自治县", levelCounty, []string{"石柱土家族自治县", "石柱县", "石柱"}},
		{"龙胜各族自治县", levelCounty, []string{"龙胜各族自治县", "龙胜县", "龙胜"}},
		{"东乡族自治县", levelCounty, []string{"东乡族自治县", "东乡县", "东乡"}},
		{"鄂温克族自治旗", levelCounty, []string{"鄂温克族自治旗", "鄂温克旗", "鄂温克"}},
		{"管城回族区", levelCounty, []string{"管城回族区", "管城"}},
		{"浦东新区", levelCounty, []string{"浦东新区", "浦东"}},
		{"清新区", levelCounty, []string{"清新区", "清新"}},    // 清新 + 区
		{"万柏林区", levelCounty, []string{"万柏林区", "万柏林"}}, // 万柏林 + 区
		{"六枝特区", levelCounty, []string{"六枝特区", "六枝"}},
		{"和县", levelCounty, []string{"和县"}}, // 和 alone is no evidence
		{"城区", levelCounty, []string{"城区"}},
	}
	for _, tt := range tests {
		if got := unitForms(tt.name, tt.level); !slices.Equal(got, tt.want) {
			t.Errorf("unitForms(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTownFormsCoverOddNBSSpellings(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"后叶镇", []string{"后叶镇"}},
		{"保康街道办事处", []string{"保康街道办事处", "保康街道"}},
		{"柏泉办事处街道", []string{"柏泉办事处街道", "柏泉街道"}},
		{"海防办事处乡", []string{"海防办事处乡", "海防乡"}},
		{"罗汉寺办事处", []string{"罗汉寺办事处", "罗汉寺街道"}},
		{"科技城（东渚街道）", []string{"科技城（东渚街道）", "东渚街道", "科技城"}},
		{"三星镇（叠石桥家纺产业园区）", []string{"三星镇（叠石桥家纺产业园区）", "三星镇"}},
		{"（工业园区）城南街道", []string{"（工业园区）城南街道", "城南街道"}},
		{"中国（南京）软件谷", []string{"中国（南京）软件谷"}},
		{"浒墅关经开区（镇）", []string{"浒墅关经开区（镇）", "浒墅关经开区"}},
	}
	for _, tt := range tests {
		if got := townForms(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("townForms(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWeakNamesAreKindsOfPlace(t *testing.T) {
	for name, want := range map[string]bool{
		"街道": true, "林场": true, "城区": true, "永兴": true,
		"张镇": false, "雪乡": false, "后叶镇": false, "县林场": false,
	} {
		if got := weakName(name); got != want {
			t.Errorf("weakName(%q) = %v, want %v", name, got, want)
		}
	}
}
