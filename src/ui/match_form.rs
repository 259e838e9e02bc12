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
fn offered_traits() -> Vec<Beneficiary> {
    use Beneficiary::*;
    Beneficiary::ALL
        .iter()
        .copied()
        .filter(|b| !matches!(b, SmallAndMicro | SmallAndMedium | LargeAndMedium | IndividualBusiness | FinancialInstitution | Park | Research | SocialOrganisation))
        .collect()
}

/// A group of checkboxes over `words`, checked where `chosen` says; `toggle` gets the position of the
/// one changed. Not generic over the value type: one copy of this markup in the wasm serves all three
/// groups.
fn checkboxes(legend: &'static str, id: &str, words: &[&'static str], chosen: &[bool], toggle: Callback<usize>) -> Html {
    html! {
        <fieldset class="ps-match-group">
            <legend>{ legend }</legend>
            <div class="ps-match-options">
                { for words.iter().enumerate().map(|(k, word)| {
                    let input_id = format!("{id}-{k}");
                    html! {
                        <label class="ps-check" for={input_id.clone()}>
                            <input type="checkbox" id={input_id} checked={chosen[k]} onchange={toggle.reform(move |_: Event| k)} />
                            { *word }
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

/// The group's words, and which of them `chosen` has.
fn words_of<T: Copy + PartialEq>(all: &[T], chosen: &[T], word: fn(T) -> &'static str) -> (Vec<&'static str>, Vec<bool>) {
    (all.iter().map(|&v| word(v)).collect(), all.iter().map(|v| chosen.contains(v)).collect())
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
    let traits = offered_traits();
    let toggle = |change: fn(&Profile, usize) -> Profile| {
        let p = props.profile.clone();
        props.dispatch.reform(move |k: usize| Action::SetProfile(change(&p, k)))
    };
    let toggle_trait = toggle(|p, k| Profile { traits: toggled(&p.traits, offered_traits()[k]), ..p.clone() });
    let toggle_industry = toggle(|p, k| Profile { industries: toggled(&p.industries, Industry::ALL[k]), ..p.clone() });
    let toggle_need = toggle(|p, k| Profile { needs: toggled(&p.needs, Support::ALL[k]), ..p.clone() });
    let (trait_words, trait_chosen) = words_of(&traits, &props.profile.traits, Beneficiary::as_str);
    let (industry_words, industry_chosen) = words_of(Industry::ALL, &props.profile.industries, Industry::as_str);
    let (need_words, need_chosen) = words_of(Support::ALL, &props.profile.needs, Support::as_str);
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
            { checkboxes("资质与身份（可多选）", &id("traits"), &trait_words, &trait_chosen, toggle_trait) }
            { checkboxes("所属行业（可多选）", &id("industries"), &industry_words, &industry_chosen, toggle_industry) }
            { checkboxes("想要的支持（可多选）", &id("needs"), &need_words, &need_chosen, toggle_need) }
            <button type="button" class="ps-btn ps-match-clear" onclick={clear}>{ "清除所填信息" }</button>
        </form>
    }
}
