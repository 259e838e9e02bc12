//! The 政策匹配 form: an enterprise says where it is, what it is, its size, standings, sectors and
//! what it wants; every question is optional and every change matches at once.
//!
//! Design choice: plain form controls — selects, radio buttons and checkboxes grouped in
//! `fieldset`/`legend` — so a keyboard, a screen reader and large text work as they do on any form,
//! in every engine, without ARIA widgets to get wrong. The form holds no state of its own: each change
//! sends the whole new profile to the reducer. It says, in one sentence, that nothing leaves the page.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::Action;
use crate::data::vocab::{Beneficiary, Industry, Support, PROVINCE_WIDE};
use crate::matching::{Entity, Profile, Size, REGIONS};

#[derive(Properties, PartialEq, Clone)]
pub struct MatchFormProps {
    pub profile: Profile,
    /// Unique per instance, for element ids.
    pub instance: usize,
    pub dispatch: Callback<Action>,
}

/// The standings a form offers: every 适用对象 but the size classes (the 规模 question answers those)
/// and the bodies that are not enterprises.
fn offered_traits() -> impl Iterator<Item = Beneficiary> {
    use Beneficiary::*;
    Beneficiary::ALL.iter().copied().filter(|b| {
        !matches!(b, SmallAndMicro | SmallAndMedium | LargeAndMedium | IndividualBusiness | FinancialInstitution | Park | Research | SocialOrganisation)
    })
}

/// A group of checkboxes over `words`, checked where `chosen` has the word; `toggle` gives the new list.
fn checkboxes<T: Copy + PartialEq + 'static>(
    legend: &'static str,
    id: &str,
    words: Vec<(T, &'static str)>,
    chosen: &[T],
    toggle: Callback<T>,
) -> Html {
    html! {
        <fieldset class="ps-match-group">
            <legend>{ legend }</legend>
            <div class="ps-match-options">
                { for words.into_iter().enumerate().map(|(k, (value, word))| {
                    let input_id = format!("{id}-{k}");
                    let onchange = toggle.reform(move |_: Event| value);
                    html! {
                        <label class="ps-check" for={input_id.clone()}>
                            <input type="checkbox" id={input_id} checked={chosen.contains(&value)} {onchange} />
                            { word }
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// `list` with `value` added, or removed if it was there.
fn toggled<T: PartialEq + Copy>(list: &[T], value: T) -> Vec<T> {
    match list.contains(&value) {
        true => list.iter().copied().filter(|v| *v != value).collect(),
        false => list.iter().copied().chain([value]).collect(),
    }
}

#[function_component(MatchForm)]
pub fn match_form(props: &MatchFormProps) -> Html {
    let p = props.profile.clone();
    let id = |name: &str| format!("ps-m{}-{name}", props.instance);
    let set = {
        let dispatch = props.dispatch.clone();
        move |f: fn(&mut Profile, String)| {
            let p = p.clone();
            dispatch.reform(move |e: Event| {
                let mut next = p.clone();
                let value = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value())
                    .or_else(|| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()))
                    .unwrap_or_default();
                f(&mut next, value);
                Action::SetProfile(next)
            })
        }
    };
    let on_region = set(|p, v| p.region = (!v.is_empty()).then_some(v));
    let on_entity = set(|p, v| p.entity = Entity::parse(&v));
    let on_size = set(|p, v| p.size = Size::parse(&v));
    let toggle_trait = {
        let (p, dispatch) = (props.profile.clone(), props.dispatch.clone());
        dispatch.reform(move |b: Beneficiary| Action::SetProfile(Profile { traits: toggled(&p.traits, b), ..p.clone() }))
    };
    let toggle_industry = {
        let (p, dispatch) = (props.profile.clone(), props.dispatch.clone());
        dispatch.reform(move |i: Industry| Action::SetProfile(Profile { industries: toggled(&p.industries, i), ..p.clone() }))
    };
    let toggle_need = {
        let (p, dispatch) = (props.profile.clone(), props.dispatch.clone());
        dispatch.reform(move |s: Support| Action::SetProfile(Profile { needs: toggled(&p.needs, s), ..p.clone() }))
    };
    let clear = props.dispatch.reform(|_: MouseEvent| Action::SetProfile(Profile::default()));
    let profile = &props.profile;
    let entity_radio = |value: &'static str, label: &'static str| {
        let input_id = id(&format!("entity-{}", if value.is_empty() { "any" } else { value }));
        html! {
            <label class="ps-check" for={input_id.clone()}>
                <input type="radio" id={input_id} name={id("entity")} value={value}
                    checked={profile.entity.map_or("", |e| e.as_str()) == value} onchange={on_entity.clone()} />
                { label }
            </label>
        }
    };
    html! {
        <form class="ps-match-form" aria-labelledby={id("title")} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h2 id={id("title")} class="ps-match-title">{ "政策匹配：说说您的企业，看看能享受哪些政策" }</h2>
            <p class="ps-privacy">{ "每一项都可不填。信息只在本机浏览器中使用，不会上传或保存。" }</p>
            <div class="ps-match-row">
                <label class="ps-field" for={id("region")}>{ "所在地区" }
                    <select id={id("region")} onchange={on_region}>
                        <option value="" selected={profile.region.is_none()}>{ "不限" }</option>
                        { for REGIONS.iter().filter(|r| **r != PROVINCE_WIDE).map(|r| html! {
                            <option value={*r} selected={profile.region.as_deref() == Some(*r)}>{ *r }</option>
                        }) }
                    </select>
                </label>
                <fieldset class="ps-match-group ps-inline">
                    <legend>{ "主体类型" }</legend>
                    { entity_radio("", "不限") }
                    { entity_radio("企业", "企业") }
                    { entity_radio("个体工商户", "个体工商户") }
                </fieldset>
                <label class="ps-field" for={id("size")}>{ "企业规模" }
                    <select id={id("size")} onchange={on_size}>
                        <option value="" selected={profile.size.is_none()}>{ "不限" }</option>
                        { for Size::ALL.iter().map(|s| html! {
                            <option value={s.as_str()} selected={profile.size == Some(*s)}>{ s.as_str() }</option>
                        }) }
                    </select>
                </label>
            </div>
            { checkboxes("资质与身份（可多选）", &id("traits"), offered_traits().map(|b| (b, b.as_str())).collect(), &profile.traits, toggle_trait) }
            { checkboxes("所属行业（可多选）", &id("industries"), Industry::ALL.iter().map(|i| (*i, i.as_str())).collect(), &profile.industries, toggle_industry) }
            { checkboxes("想要的支持（可多选）", &id("needs"), Support::ALL.iter().map(|s| (*s, s.as_str())).collect(), &profile.needs, toggle_need) }
            <button type="button" class="ps-btn ps-match-clear" onclick={clear}>{ "清除所填信息" }</button>
        </form>
    }
}
