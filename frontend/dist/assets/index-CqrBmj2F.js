const G=globalThis,rt=G.ShadowRoot&&(G.ShadyCSS===void 0||G.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,nt=Symbol(),ut=new WeakMap;let Dt=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==nt)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o;const e=this.t;if(rt&&t===void 0){const s=e!==void 0&&e.length===1;s&&(t=ut.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&ut.set(e,t))}return t}toString(){return this.cssText}};const It=r=>new Dt(typeof r=="string"?r:r+"",void 0,nt),$=(r,...t)=>{const e=r.length===1?r[0]:t.reduce((s,i,n)=>s+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+r[n+1],r[0]);return new Dt(e,r,nt)},Xt=(r,t)=>{if(rt)r.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(const e of t){const s=document.createElement("style"),i=G.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=e.cssText,r.appendChild(s)}},pt=rt?r=>r:r=>r instanceof CSSStyleSheet?(t=>{let e="";for(const s of t.cssRules)e+=s.cssText;return It(e)})(r):r;const{is:te,defineProperty:ee,getOwnPropertyDescriptor:se,getOwnPropertyNames:ie,getOwnPropertySymbols:re,getPrototypeOf:ne}=Object,J=globalThis,mt=J.trustedTypes,ae=mt?mt.emptyScript:"",oe=J.reactiveElementPolyfillSupport,D=(r,t)=>r,et={toAttribute(r,t){switch(t){case Boolean:r=r?ae:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,t){let e=r;switch(t){case Boolean:e=r!==null;break;case Number:e=r===null?null:Number(r);break;case Object:case Array:try{e=JSON.parse(r)}catch{e=null}}return e}},Ht=(r,t)=>!te(r,t),bt={attribute:!0,type:String,converter:et,reflect:!1,useDefault:!1,hasChanged:Ht};Symbol.metadata??=Symbol("metadata"),J.litPropertyMetadata??=new WeakMap;let C=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=bt){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){const s=Symbol(),i=this.getPropertyDescriptor(t,s,e);i!==void 0&&ee(this.prototype,t,i)}}static getPropertyDescriptor(t,e,s){const{get:i,set:n}=se(this.prototype,t)??{get(){return this[e]},set(a){this[e]=a}};return{get:i,set(a){const c=i?.call(this);n?.call(this,a),this.requestUpdate(t,c,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??bt}static _$Ei(){if(this.hasOwnProperty(D("elementProperties")))return;const t=ne(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(D("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(D("properties"))){const e=this.properties,s=[...ie(e),...re(e)];for(const i of s)this.createProperty(i,e[i])}const t=this[Symbol.metadata];if(t!==null){const e=litPropertyMetadata.get(t);if(e!==void 0)for(const[s,i]of e)this.elementProperties.set(s,i)}this._$Eh=new Map;for(const[e,s]of this.elementProperties){const i=this._$Eu(e,s);i!==void 0&&this._$Eh.set(i,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){const e=[];if(Array.isArray(t)){const s=new Set(t.flat(1/0).reverse());for(const i of s)e.unshift(pt(i))}else t!==void 0&&e.push(pt(t));return e}static _$Eu(t,e){const s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){const t=new Map,e=this.constructor.elementProperties;for(const s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){const t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Xt(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){const s=this.constructor.elementProperties.get(t),i=this.constructor._$Eu(t,s);if(i!==void 0&&s.reflect===!0){const n=(s.converter?.toAttribute!==void 0?s.converter:et).toAttribute(e,s.type);this._$Em=t,n==null?this.removeAttribute(i):this.setAttribute(i,n),this._$Em=null}}_$AK(t,e){const s=this.constructor,i=s._$Eh.get(t);if(i!==void 0&&this._$Em!==i){const n=s.getPropertyOptions(i),a=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:et;this._$Em=i;const c=a.fromAttribute(e,n.type);this[i]=c??this._$Ej?.get(i)??c,this._$Em=null}}requestUpdate(t,e,s,i=!1,n){if(t!==void 0){const a=this.constructor;if(i===!1&&(n=this[t]),s??=a.getPropertyOptions(t),!((s.hasChanged??Ht)(n,e)||s.useDefault&&s.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(a._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:i,wrapped:n},a){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,a??e??this[t]),n!==!0||a!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),i===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}const t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(const[i,n]of this._$Ep)this[i]=n;this._$Ep=void 0}const s=this.constructor.elementProperties;if(s.size>0)for(const[i,n]of s){const{wrapped:a}=n,c=this[i];a!==!0||this._$AL.has(i)||c===void 0||this.C(i,void 0,n,c)}}let t=!1;const e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};C.elementStyles=[],C.shadowRootOptions={mode:"open"},C[D("elementProperties")]=new Map,C[D("finalized")]=new Map,oe?.({ReactiveElement:C}),(J.reactiveElementVersions??=[]).push("2.1.2");const at=globalThis,ft=r=>r,K=at.trustedTypes,gt=K?K.createPolicy("lit-html",{createHTML:r=>r}):void 0,zt="$lit$",k=`lit$${Math.random().toFixed(9).slice(2)}$`,jt="?"+k,ce=`<${jt}>`,M=document,H=()=>M.createComment(""),z=r=>r===null||typeof r!="object"&&typeof r!="function",ot=Array.isArray,le=r=>ot(r)||typeof r?.[Symbol.iterator]=="function",X=`[ 	
\f\r]`,L=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,yt=/-->/g,_t=/>/g,E=RegExp(`>|${X}(?:([^\\s"'>=/]+)(${X}*=${X}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),vt=/'/g,$t=/"/g,Vt=/^(?:script|style|textarea|title)$/i,qt=r=>(t,...e)=>({_$litType$:r,strings:t,values:e}),o=qt(1),Bt=qt(2),O=Symbol.for("lit-noChange"),h=Symbol.for("lit-nothing"),wt=new WeakMap,x=M.createTreeWalker(M,129);function Ft(r,t){if(!ot(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return gt!==void 0?gt.createHTML(t):t}const de=(r,t)=>{const e=r.length-1,s=[];let i,n=t===2?"<svg>":t===3?"<math>":"",a=L;for(let c=0;c<e;c++){const l=r[c];let u,p,d=-1,m=0;for(;m<l.length&&(a.lastIndex=m,p=a.exec(l),p!==null);)m=a.lastIndex,a===L?p[1]==="!--"?a=yt:p[1]!==void 0?a=_t:p[2]!==void 0?(Vt.test(p[2])&&(i=RegExp("</"+p[2],"g")),a=E):p[3]!==void 0&&(a=E):a===E?p[0]===">"?(a=i??L,d=-1):p[1]===void 0?d=-2:(d=a.lastIndex-p[2].length,u=p[1],a=p[3]===void 0?E:p[3]==='"'?$t:vt):a===$t||a===vt?a=E:a===yt||a===_t?a=L:(a=E,i=void 0);const b=a===E&&r[c+1].startsWith("/>")?" ":"";n+=a===L?l+ce:d>=0?(s.push(u),l.slice(0,d)+zt+l.slice(d)+k+b):l+k+(d===-2?c:b)}return[Ft(r,n+(r[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]};class j{constructor({strings:t,_$litType$:e},s){let i;this.parts=[];let n=0,a=0;const c=t.length-1,l=this.parts,[u,p]=de(t,e);if(this.el=j.createElement(u,s),x.currentNode=this.el.content,e===2||e===3){const d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(i=x.nextNode())!==null&&l.length<c;){if(i.nodeType===1){if(i.hasAttributes())for(const d of i.getAttributeNames())if(d.endsWith(zt)){const m=p[a++],b=i.getAttribute(d).split(k),y=/([.?@])?(.*)/.exec(m);l.push({type:1,index:n,name:y[2],strings:b,ctor:y[1]==="."?ue:y[1]==="?"?pe:y[1]==="@"?me:Z}),i.removeAttribute(d)}else d.startsWith(k)&&(l.push({type:6,index:n}),i.removeAttribute(d));if(Vt.test(i.tagName)){const d=i.textContent.split(k),m=d.length-1;if(m>0){i.textContent=K?K.emptyScript:"";for(let b=0;b<m;b++)i.append(d[b],H()),x.nextNode(),l.push({type:2,index:++n});i.append(d[m],H())}}}else if(i.nodeType===8)if(i.data===jt)l.push({type:2,index:n});else{let d=-1;for(;(d=i.data.indexOf(k,d+1))!==-1;)l.push({type:7,index:n}),d+=k.length-1}n++}}static createElement(t,e){const s=M.createElement("template");return s.innerHTML=t,s}}function T(r,t,e=r,s){if(t===O)return t;let i=s!==void 0?e._$Co?.[s]:e._$Cl;const n=z(t)?void 0:t._$litDirective$;return i?.constructor!==n&&(i?._$AO?.(!1),n===void 0?i=void 0:(i=new n(r),i._$AT(r,e,s)),s!==void 0?(e._$Co??=[])[s]=i:e._$Cl=i),i!==void 0&&(t=T(r,i._$AS(r,t.values),i,s)),t}class he{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:e},parts:s}=this._$AD,i=(t?.creationScope??M).importNode(e,!0);x.currentNode=i;let n=x.nextNode(),a=0,c=0,l=s[0];for(;l!==void 0;){if(a===l.index){let u;l.type===2?u=new q(n,n.nextSibling,this,t):l.type===1?u=new l.ctor(n,l.name,l.strings,this,t):l.type===6&&(u=new be(n,this,t)),this._$AV.push(u),l=s[++c]}a!==l?.index&&(n=x.nextNode(),a++)}return x.currentNode=M,i}p(t){let e=0;for(const s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}}class q{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,i){this.type=2,this._$AH=h,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=T(this,t,e),z(t)?t===h||t==null||t===""?(this._$AH!==h&&this._$AR(),this._$AH=h):t!==this._$AH&&t!==O&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):le(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==h&&z(this._$AH)?this._$AA.nextSibling.data=t:this.T(M.createTextNode(t)),this._$AH=t}$(t){const{values:e,_$litType$:s}=t,i=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=j.createElement(Ft(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(e);else{const n=new he(i,this),a=n.u(this.options);n.p(e),this.T(a),this._$AH=n}}_$AC(t){let e=wt.get(t.strings);return e===void 0&&wt.set(t.strings,e=new j(t)),e}k(t){ot(this._$AH)||(this._$AH=[],this._$AR());const e=this._$AH;let s,i=0;for(const n of t)i===e.length?e.push(s=new q(this.O(H()),this.O(H()),this,this.options)):s=e[i],s._$AI(n),i++;i<e.length&&(this._$AR(s&&s._$AB.nextSibling,i),e.length=i)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){const s=ft(t).nextSibling;ft(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Z{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,i,n){this.type=1,this._$AH=h,this._$AN=void 0,this.element=t,this.name=e,this._$AM=i,this.options=n,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=h}_$AI(t,e=this,s,i){const n=this.strings;let a=!1;if(n===void 0)t=T(this,t,e,0),a=!z(t)||t!==this._$AH&&t!==O,a&&(this._$AH=t);else{const c=t;let l,u;for(t=n[0],l=0;l<n.length-1;l++)u=T(this,c[s+l],e,l),u===O&&(u=this._$AH[l]),a||=!z(u)||u!==this._$AH[l],u===h?t=h:t!==h&&(t+=(u??"")+n[l+1]),this._$AH[l]=u}a&&!i&&this.j(t)}j(t){t===h?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class ue extends Z{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===h?void 0:t}}class pe extends Z{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==h)}}class me extends Z{constructor(t,e,s,i,n){super(t,e,s,i,n),this.type=5}_$AI(t,e=this){if((t=T(this,t,e,0)??h)===O)return;const s=this._$AH,i=t===h&&s!==h||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,n=t!==h&&(s===h||i);i&&this.element.removeEventListener(this.name,this,s),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class be{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){T(this,t)}}const fe=at.litHtmlPolyfillSupport;fe?.(j,q),(at.litHtmlVersions??=[]).push("3.3.3");const ge=(r,t,e)=>{const s=e?.renderBefore??t;let i=s._$litPart$;if(i===void 0){const n=e?.renderBefore??null;s._$litPart$=i=new q(t.insertBefore(H(),n),n,void 0,e??{})}return i._$AI(r),i};const ct=globalThis;class S extends C{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){const t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){const e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=ge(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return O}}S._$litElement$=!0,S.finalized=!0,ct.litElementHydrateSupport?.({LitElement:S});const ye=ct.litElementPolyfillSupport;ye?.({LitElement:S});(ct.litElementVersions??=[]).push("4.2.2");const _e=1,V=2,tt=3,ve=4,$e=5;function we(r){return{type:"auth",access_token:r}}function ke(){return{type:"supported_features",id:1,features:{coalesce_messages:1}}}function Se(){return{type:"get_states"}}function Ee(r){const t={type:"subscribe_events"};return r&&(t.event_type=r),t}function kt(r){return{type:"unsubscribe_events",subscription:r}}function xe(){return{type:"ping"}}function Ae(r,t){return{type:"result",success:!1,error:{code:r,message:t}}}const Wt=(r,t,e,s)=>{const[i,n,a]=r.split(".",3);return Number(i)>t||Number(i)===t&&(s===void 0?Number(n)>=e:Number(n)>e)||s!==void 0&&Number(i)===t&&Number(n)===e&&Number(a)>=s},Me=1e4,Ce="auth_invalid",Oe="auth_ok";function Te(r){var t;if(!r.auth)throw ve;const e=r.auth;let s=e.expired?e.refreshAccessToken().then(()=>{s=void 0},()=>{s=void 0}):void 0;const i=e.wsUrl,n=(t=r.connectTimeout)!==null&&t!==void 0?t:Me;function a(c,l,u){const p=new WebSocket(i);let d=!1;const m=n>0?setTimeout(()=>{p.close()},n):void 0,b=()=>{m!==void 0&&clearTimeout(m)},y=()=>{if(b(),p.removeEventListener("close",y),d){u(V);return}if(c===0){u(_e);return}const F=c===-1?-1:c-1;setTimeout(()=>a(F,l,u),1e3)},v=async F=>{b();try{e.expired&&await(s||e.refreshAccessToken()),p.send(JSON.stringify(we(e.accessToken)))}catch(W){d=W===V,p.close()}},B=async F=>{const W=JSON.parse(F.data);switch(W.type){case Ce:d=!0,p.close();break;case Oe:p.removeEventListener("open",v),p.removeEventListener("message",B),p.removeEventListener("close",y),p.removeEventListener("error",y),p.haVersion=W.ha_version,Wt(p.haVersion,2022,9)&&p.send(JSON.stringify(ke())),l(p);break}};p.addEventListener("open",v),p.addEventListener("message",B),p.addEventListener("close",y),p.addEventListener("error",y)}return new Promise((c,l)=>a(r.setupRetry,c,l))}class Ne{constructor(t,e){this._handleMessage=s=>{let i=JSON.parse(s.data);Array.isArray(i)||(i=[i]),i.forEach(n=>{const a=this.commands.get(n.id);switch(n.type){case"event":a?a.callback(n.event):(console.warn(`Received event for unknown subscription ${n.id}. Unsubscribing.`),this.sendMessagePromise(kt(n.id)).catch(c=>{}));break;case"result":a&&(n.success?(a.resolve(n.result),"subscribe"in a||this.commands.delete(n.id)):(a.reject(n.error),this.commands.delete(n.id)));break;case"pong":a?(a.resolve(),this.commands.delete(n.id)):console.warn(`Received unknown pong response ${n.id}`);break}})},this._handleClose=async()=>{const s=this.commands;if(this.commandId=1,this.oldSubscriptions=this.commands,this.commands=new Map,this.socket=void 0,s.forEach(a=>{"subscribe"in a||a.reject(Ae(tt,"Connection lost"))}),this.closeRequested)return;this.fireEvent("disconnected");const i=Object.assign(Object.assign({},this.options),{setupRetry:0}),n=a=>{setTimeout(async()=>{if(!this.closeRequested)try{const c=await i.createSocket(i);this._setSocket(c)}catch(c){if(this._queuedMessages){const l=this._queuedMessages;this._queuedMessages=void 0;for(const u of l)u.reject&&u.reject(tt)}c===V?this.fireEvent("reconnect-error",c):n(a+1)}},Math.min(a,5)*1e3)};this.suspendReconnectPromise&&(await this.suspendReconnectPromise,this.suspendReconnectPromise=void 0,this._queuedMessages=[]),n(0)},this.options=e,this.commandId=2,this.commands=new Map,this.eventListeners=new Map,this.closeRequested=!1,this._setSocket(t)}get connected(){return this.socket!==void 0&&this.socket.readyState==this.socket.OPEN}_setSocket(t){this.socket=t,this.haVersion=t.haVersion,t.addEventListener("message",this._handleMessage),t.addEventListener("close",this._handleClose);const e=this.oldSubscriptions;e&&(this.oldSubscriptions=void 0,e.forEach(i=>{"subscribe"in i&&i.subscribe&&i.subscribe().then(n=>{i.unsubscribe=n,i.resolve()})}));const s=this._queuedMessages;if(s){this._queuedMessages=void 0;for(const i of s)i.resolve()}this.fireEvent("ready")}addEventListener(t,e){let s=this.eventListeners.get(t);s||(s=[],this.eventListeners.set(t,s)),s.push(e)}removeEventListener(t,e){const s=this.eventListeners.get(t);if(!s)return;const i=s.indexOf(e);i!==-1&&s.splice(i,1)}fireEvent(t,e){(this.eventListeners.get(t)||[]).forEach(s=>s(this,e))}suspendReconnectUntil(t){this.suspendReconnectPromise=t}suspend(){if(!this.suspendReconnectPromise)throw new Error("Suspend promise not set");this.socket&&this.socket.close()}reconnect(t=!1){if(this.socket){if(!t){this.socket.close();return}this.socket.removeEventListener("message",this._handleMessage),this.socket.removeEventListener("close",this._handleClose),this.socket.close(),this._handleClose()}}close(){this.closeRequested=!0,this.socket&&this.socket.close()}async subscribeEvents(t,e){return this.subscribeMessage(t,Ee(e))}ping(){return this.sendMessagePromise(xe())}sendMessage(t,e){if(!this.connected)throw tt;if(this._queuedMessages){if(e)throw new Error("Cannot queue with commandId");this._queuedMessages.push({resolve:()=>this.sendMessage(t)});return}e||(e=this._genCmdId()),t.id=e,this.socket.send(JSON.stringify(t))}sendMessagePromise(t){return new Promise((e,s)=>{if(this._queuedMessages){this._queuedMessages.push({reject:s,resolve:async()=>{try{e(await this.sendMessagePromise(t))}catch(n){s(n)}}});return}const i=this._genCmdId();this.commands.set(i,{resolve:e,reject:s}),this.sendMessage(t,i)})}async subscribeMessage(t,e,s){if(this._queuedMessages&&await new Promise((n,a)=>{this._queuedMessages.push({resolve:n,reject:a})}),s?.preCheck&&!await s.preCheck())throw new Error("Pre-check failed");let i;return await new Promise((n,a)=>{const c=this._genCmdId();i={resolve:n,reject:a,callback:t,subscribe:s?.resubscribe!==!1?()=>this.subscribeMessage(t,e,s):void 0,unsubscribe:async()=>{this.connected&&await this.sendMessagePromise(kt(c)),this.commands.delete(c)}},this.commands.set(c,i);try{this.sendMessage(e,c)}catch{}}),()=>i.unsubscribe()}_genCmdId(){return++this.commandId}}const Re=r=>r*1e3+Date.now();async function Pe(r,t,e){const s=typeof location<"u"&&location;if(s&&s.protocol==="https:"){const c=document.createElement("a");if(c.href=r,c.protocol==="http:"&&c.hostname!=="localhost")throw $e}const i=new FormData;t!==null&&i.append("client_id",t),Object.keys(e).forEach(c=>{i.append(c,e[c])});const n=await fetch(`${r}/auth/token`,{method:"POST",credentials:"same-origin",body:i});if(!n.ok)throw n.status===400||n.status===403?V:new Error("Unable to fetch tokens");const a=await n.json();return a.hassUrl=r,a.clientId=t,a.expires=Re(a.expires_in),a}class Gt{constructor(t,e){this.data=t,this._saveTokens=e}get wsUrl(){return`ws${this.data.hassUrl.substr(4)}/api/websocket`}get accessToken(){return this.data.access_token}get expired(){return Date.now()>this.data.expires}async refreshAccessToken(){if(!this.data.refresh_token)throw new Error("No refresh_token");const t=await Pe(this.data.hassUrl,this.data.clientId,{grant_type:"refresh_token",refresh_token:this.data.refresh_token});t.refresh_token=this.data.refresh_token,this.data=t,this._saveTokens&&this._saveTokens(t)}async revoke(){if(!this.data.refresh_token)throw new Error("No refresh_token to revoke");const t=new FormData;t.append("token",this.data.refresh_token),await fetch(`${this.data.hassUrl}/auth/revoke`,{method:"POST",credentials:"same-origin",body:t}),this._saveTokens&&this._saveTokens(null)}}const Ue=r=>{let t=[];function e(i){let n=[];for(let a=0;a<t.length;a++)t[a]===i?i=null:n.push(t[a]);t=n}function s(i,n){r=n?i:Object.assign(Object.assign({},r),i);let a=t;for(let c=0;c<a.length;c++)a[c](r)}return{get state(){return r},action(i){function n(a){s(a,!1)}return function(){let a=[r];for(let l=0;l<arguments.length;l++)a.push(arguments[l]);let c=i.apply(this,a);if(c!=null)return c instanceof Promise?c.then(n):n(c)}},setState:s,clearState(){r=void 0},subscribe(i){return t.push(i),()=>{e(i)}}}},Le=5e3,St=(r,t,e,s,i={unsubGrace:!0})=>{if(r[t])return r[t];let n=0,a,c,l=Ue();const u=()=>{if(!e)throw new Error("Collection does not support refresh");return e(r).then(v=>l.setState(v,!0))},p=()=>u().catch(v=>{if(r.connected)throw v}),d=()=>{if(c!==void 0){clearTimeout(c),c=void 0;return}s&&(a=s(r,l)),e&&(r.addEventListener("ready",p),p()),r.addEventListener("disconnected",y)},m=()=>{c=void 0,a&&a.then(v=>{v()}),l.clearState(),r.removeEventListener("ready",u),r.removeEventListener("disconnected",y)},b=()=>{c=setTimeout(m,Le)},y=()=>{c&&(clearTimeout(c),m())};return r[t]={get state(){return l.state},refresh:u,subscribe(v){n++,n===1&&d();const B=l.subscribe(v);return l.state!==void 0&&setTimeout(()=>v(l.state),0),()=>{B(),n--,n||(i.unsubGrace?b():m())}}},r[t]},De=r=>r.sendMessagePromise(Se());function Ie(r,t){const e=Object.assign({},r.state);if(t.a)for(const s in t.a){const i=t.a[s];let n=new Date(i.lc*1e3).toISOString();e[s]={entity_id:s,state:i.s,attributes:i.a,context:typeof i.c=="string"?{id:i.c,parent_id:null,user_id:null}:i.c,last_changed:n,last_updated:i.lu?new Date(i.lu*1e3).toISOString():n}}if(t.r)for(const s of t.r)delete e[s];if(t.c)for(const s in t.c){let i=e[s];if(!i){console.warn("Received state update for unknown entity",s);continue}i=Object.assign({},i);const{"+":n,"-":a}=t.c[s],c=n?.a||a?.a,l=c?Object.assign({},i.attributes):i.attributes;if(n&&(n.s!==void 0&&(i.state=n.s),n.c&&(typeof n.c=="string"?i.context=Object.assign(Object.assign({},i.context),{id:n.c}):i.context=Object.assign(Object.assign({},i.context),n.c)),n.lc?i.last_updated=i.last_changed=new Date(n.lc*1e3).toISOString():n.lu&&(i.last_updated=new Date(n.lu*1e3).toISOString()),n.a&&Object.assign(l,n.a)),a?.a)for(const u of a.a)delete l[u];c&&(i.attributes=l),e[s]=i}r.setState(e,!0)}const He=(r,t)=>r.subscribeMessage(e=>Ie(t,e),{type:"subscribe_entities"});function ze(r,t){const e=r.state;if(e===void 0)return;const{entity_id:s,new_state:i}=t.data;if(i)r.setState({[i.entity_id]:i});else{const n=Object.assign({},e);delete n[s],r.setState(n,!0)}}async function je(r){const t=await De(r),e={};for(let s=0;s<t.length;s++){const i=t[s];e[i.entity_id]=i}return e}const Ve=(r,t)=>r.subscribeEvents(e=>ze(t,e),"state_changed"),qe=r=>Wt(r.haVersion,2022,4,0)?St(r,"_ent",void 0,He):St(r,"_ent",je,Ve),Be=(r,t)=>qe(r).subscribe(t);async function Fe(r){const t=Object.assign({setupRetry:0,createSocket:Te},r),e=await t.createSocket(t);return new Ne(e,t)}const st="bastion.tokens",We=15e3,Kt=()=>location.origin,N=()=>`${location.origin}/`;class Yt extends Error{constructor(t,e){super(e),this.status=t}}async function lt(r,t){const e=new AbortController,s=setTimeout(()=>e.abort(),We);try{return await fetch(r,{...t,signal:e.signal,credentials:"same-origin"})}finally{clearTimeout(s)}}async function dt(r,t){const e=await lt(r,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(t)}),s=await e.json().catch(()=>({}));if(!e.ok)throw new Yt(e.status,s.message??e.statusText);return s}async function Et(){try{const r=await lt("/api/onboarding",{method:"GET"});return r.ok?(await r.json()).some(e=>e.step==="user"&&!e.done):!1}catch{return!1}}async function Ge(r){return(await dt("/api/onboarding/users",{client_id:N(),language:navigator.language.slice(0,16),...r})).auth_code}function Ke(){return dt("/auth/login_flow",{client_id:N(),handler:["homeassistant",null],redirect_uri:N()})}function xt(r,t){return dt(`/auth/login_flow/${encodeURIComponent(r)}`,{client_id:N(),...t})}async function At(r){const t=new URLSearchParams({grant_type:"authorization_code",code:r,client_id:N()}),e=await lt("/auth/token",{method:"POST",body:t}),s=await e.json().catch(()=>({}));if(!e.ok)throw new Yt(e.status,s.error_description??"Login failed");const i={hassUrl:Kt(),clientId:N(),access_token:s.access_token,refresh_token:s.refresh_token,expires_in:s.expires_in,expires:Date.now()+s.expires_in*1e3};return Y(i),new Gt(i,Y)}function Y(r){try{r?localStorage.setItem(st,JSON.stringify(r)):localStorage.removeItem(st)}catch{}}function Ye(){try{const r=localStorage.getItem(st);if(!r)return null;const t=JSON.parse(r);return t.hassUrl!==Kt()?null:new Gt(t,Y)}catch{return null}}async function Mt(r){r&&await r.revoke().catch(()=>{}),Y(null)}const R=r=>typeof r=="object"&&r!==null&&["unknown_command","not_found"].includes(String(r.code))&&/unknown command|not found|not loaded/i.test(String(r.message??"")),g=r=>typeof r=="object"&&r!==null&&"message"in r?String(r.message):r===V?"Authentication failed":String(r);class Je{constructor(t){this.auth=t,this.entities={},this.areas=[],this.floors=[],this.entries=new Map,this.devices=new Map,this.user=null,this.config={},this.status="connecting",this.resumedAt=0,this.listeners=new Set}async connect(){this.conn=await Fe({auth:this.auth}),this.status="connected",this.conn.addEventListener("disconnected",()=>{this.status="disconnected",this.emit()}),this.conn.addEventListener("ready",()=>{this.status="connected",this.resumedAt=Date.now(),this.emit(),this.loadRegistries()}),Be(this.conn,t=>{this.entities=t,this.emit()}),await this.loadRegistries()}async loadRegistries(){const[t,e,s,i,n,a]=await Promise.all([this.call({type:"auth/current_user"}).catch(()=>null),this.call({type:"get_config"}).catch(()=>({})),this.call({type:"config/area_registry/list"}).catch(()=>[]),this.call({type:"config/floor_registry/list"}).catch(()=>[]),this.call({type:"config/entity_registry/list"}).catch(()=>[]),this.call({type:"config/device_registry/list"}).catch(()=>[])]);this.user=t,this.config=e,this.areas=s,this.floors=i,this.entries=new Map(n.map(c=>[c.entity_id,c])),this.devices=new Map(a.map(c=>[c.id,c])),this.emit()}call(t){return this.conn.sendMessagePromise(t)}callService(t,e,s={},i=!1){return this.call({type:"call_service",domain:t,service:e,service_data:s,...i?{return_response:!0}:{}})}hasService(t,e){return this.call({type:"get_services"}).then(s=>!!s[t]?.[e]).catch(()=>!1)}async rest(t,e,s){this.auth.expired&&await this.auth.refreshAccessToken();const i=await fetch(e,{method:t,headers:{Authorization:`Bearer ${this.auth.accessToken}`,...s===void 0?{}:{"Content-Type":"application/json"}},body:s===void 0?void 0:JSON.stringify(s)}),n=await i.text();let a=null;try{a=n?JSON.parse(n):null}catch{a={message:n}}if(!i.ok){const c=a?.message??i.statusText;throw{code:i.status,message:c}}return a}areaOf(t){const e=this.entries.get(t);return e?e.area_id?e.area_id:(e.device_id?this.devices.get(e.device_id):void 0)?.area_id??null:null}name(t){return this.entities[t]?.attributes.friendly_name??this.entries.get(t)?.name??t}subscribe(t){return this.listeners.add(t),()=>this.listeners.delete(t)}emit(){for(const t of this.listeners)t()}close(){this.conn?.close()}}const w=$`
  :host {
    color: var(--fg);
    font: inherit;
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  h1 {
    font-size: 1.4rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  .card {
    background: var(--card);
    border: 1px solid var(--border);
    border-radius: 12px;
    padding: 0.9rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 165px), 1fr));
    gap: 0.75rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  .muted {
    color: var(--muted);
  }
  .small {
    font-size: 0.85rem;
  }
  .error {
    color: var(--danger);
  }
  .notice {
    border-left: 4px solid var(--warn);
    background: var(--card);
    padding: 0.6rem 0.8rem;
    border-radius: 6px;
  }
  button,
  .btn {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--border);
    background: var(--btn);
    color: var(--fg);
    border-radius: 8px;
    padding: 0.5rem 0.9rem;
    min-height: 40px;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  button.danger {
    background: var(--danger);
    border-color: var(--danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--fg);
    background: var(--input);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 0.5rem 0.6rem;
    min-height: 40px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.9rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--border);
    font-size: 0.9rem;
    vertical-align: top;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    background: var(--btn);
    border: 1px solid var(--border);
  }
  .badge.on {
    background: var(--accent-soft);
    border-color: var(--accent);
  }
  .badge.bad {
    background: var(--danger);
    color: #fff;
    border-color: var(--danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
`,Ct={home:"M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",shield:"M12 3 4 6v6c0 5 3.4 8.3 8 9.5 4.6-1.2 8-4.5 8-9.5V6z",alert:"M12 3 2 20h20zM12 10v4M12 17v.5",chart:"M3 20h18M5 16l4-5 4 3 6-8",list:"M4 6h16M4 12h16M4 18h16",gear:"M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1",bell:"M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",users:"M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-4 3-6 7-6s7 2 7 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2.4.6 4 2.6 4 6",info:"M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5",theme:"M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18",bulb:"M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",power:"M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0",lock:"M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11M12 15v2",thermo:"M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0zM12 9v7",door:"M6 21V3h12v18M3 21h18M14.5 12v.5",window:"M4 4h16v16H4zM12 4v16M4 12h16",motion:"M12 12m-2 0a2 2 0 1 0 4 0 2 2 0 1 0-4 0M7.5 7.5a6.4 6.4 0 0 0 0 9M16.5 7.5a6.4 6.4 0 0 1 0 9M4.6 4.6a10.5 10.5 0 0 0 0 14.8M19.4 4.6a10.5 10.5 0 0 1 0 14.8",camera:"M3 7h4l2-2h6l2 2h4v12H3zM12 10a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",drop:"M12 3s6 6.6 6 11a6 6 0 0 1-12 0c0-4.4 6-11 6-11z",siren:"M7 18v-6a5 5 0 0 1 10 0v6M4 18h16v3H4zM12 3v2M4.5 6l1.5 1.5M19.5 6 18 7.5",valve:"M4 9h5v6H4zM15 9h5v6h-5zM9 12h6M12 12V6M9 6h6",cover:"M4 4h16v16H4zM4 8h16M4 12h16M4 16h16",fire:"M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-2.5 1.5-3.5 2-5 1 1.5 1.5 2 2 2 0-2.5 0-4.5 1-7z",play:"M7 4v16l13-8z",dot:"M12 12m-4 0a4 4 0 1 0 8 0 4 4 0 1 0-8 0",menu:"M4 6h16M4 12h16M4 18h16",sensor:"M4 20V10M10 20V4M16 20v-7M22 20H2",tag:"M3 12V3h9l9 9-9 9zM7.5 7.5v.5"},Ze={door:"door",garage_door:"door",opening:"door",window:"window",motion:"motion",occupancy:"motion",presence:"motion",smoke:"fire",heat:"fire",gas:"alert",carbon_monoxide:"alert",moisture:"drop",tamper:"alert",problem:"alert",lock:"lock"},Qe={light:"bulb",switch:"power",input_boolean:"power",lock:"lock",cover:"cover",climate:"thermo",sensor:"sensor",alarm_control_panel:"shield",camera:"camera",valve:"valve",siren:"siren",fan:"gear",automation:"gear",script:"play",scene:"play",button:"dot",input_button:"dot",input_number:"sensor",update:"info",event:"tag"};function I(r,t){const e=Ct[r]??Ct.dot;return o`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="22"
    height="22"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${"presentation"}
    aria-hidden=${"true"}
    aria-label=${""}
  >
    ${Bt`<path d=${e}></path>`}
  </svg>`}function Xe(r,t){return r==="binary_sensor"?Ze[String(t)]??"dot":r==="sensor"&&t==="temperature"?"thermo":r==="sensor"&&t==="humidity"?"drop":Qe[r]??"dot"}const Ot={invalid_auth:"Wrong username or password.",invalid_code:"That code is not valid. Try the current code from your app.",too_many_attempts:"Too many attempts. Start again."};class ts extends S{constructor(){super(),this.flow=null,this.onboarding=!1,this.step="credentials",this.error="",this.busy=!1,this.placeholders=null}static{this.properties={onboarding:{type:Boolean},step:{state:!0},error:{state:!0},busy:{state:!0},placeholders:{state:!0}}}static{this.styles=[w,$`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      form {
        width: min(420px, 100%);
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 1.4rem;
        font-weight: 700;
        color: var(--accent);
      }
      code {
        word-break: break-all;
      }
    `]}done(t){this.dispatchEvent(new CustomEvent("logged-in",{detail:t,bubbles:!0,composed:!0}))}field(t,e){return t.elements.namedItem(e)?.value??""}async submit(t){t.preventDefault();const e=t.target;this.busy=!0,this.error="";try{this.onboarding?await this.submitOnboarding(e):await this.submitLogin(e)}catch(s){this.error=s instanceof Error?s.message:String(s)}finally{this.busy=!1}}async submitOnboarding(t){const e=this.field(t,"password");if(e!==this.field(t,"password2")){this.error="The passwords do not match.";return}const s=await Ge({code:this.field(t,"code").trim(),name:this.field(t,"name"),username:this.field(t,"username"),password:e});s?this.done(await At(s)):(this.onboarding=!1,this.error="Owner created. Sign in to continue.")}async submitLogin(t){let e;if(this.step==="credentials"||!this.flow?(this.flow=await Ke(),e=await xt(this.flow.flow_id,{username:this.field(t,"username"),password:this.field(t,"password")})):e=await xt(this.flow.flow_id,{code:this.field(t,"code").trim()}),this.flow=e,e.type==="create_entry"&&e.result){this.done(await At(e.result));return}if(e.type==="abort"){this.step="credentials",this.flow=null,this.error=Ot[e.reason??""]??`Login stopped: ${e.reason}`;return}this.step=e.step_id==="mfa_setup"?"mfa_setup":e.step_id==="mfa"?"mfa":"credentials",this.placeholders=e.description_placeholders??null;const s=e.errors?.base;s&&(this.error=Ot[s]??s)}render(){return o`
      <form class="card" @submit=${this.submit} aria-busy=${this.busy}>
        <div class="brand">${I("shield")} Bastion</div>
        ${this.onboarding?this.renderOnboarding():this.renderLogin()}
        ${this.error?o`<p class="error" role="alert">${this.error}</p>`:""}
      </form>
    `}renderOnboarding(){return o`
      <h1>Welcome — create the owner</h1>
      <p class="muted small">
        Enter the one-time setup code printed on the hub's console at first start.
      </p>
      <label>Setup code<input name="code" autocomplete="one-time-code" required autofocus /></label>
      <label>Your name<input name="name" autocomplete="name" required /></label>
      <label>Username<input name="username" autocomplete="username" required /></label>
      <label
        >Password<input
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="8"
          required
      /></label>
      <label
        >Repeat password<input
          name="password2"
          type="password"
          autocomplete="new-password"
          required
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Create owner</button>
    `}renderLogin(){if(this.step==="credentials")return o`
        <h1>Sign in</h1>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label
          >Password<input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      `;const t=this.step==="mfa_setup";return o`
      <h1>${t?"Set up two-factor authentication":"Two-factor authentication"}</h1>
      ${t&&this.placeholders?o`<p class="small">
            Add this secret to your authenticator app, then enter the current code:
            <code>${this.placeholders.secret}</code>
          </p>`:o`<p class="muted small">Enter the 6-digit code from your authenticator app.</p>`}
      <label
        >Code<input
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9A-Za-z-]*"
          required
          autofocus
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Verify</button>
    `}}customElements.define("bastion-login",ts);class f extends S{constructor(){super(...arguments),this.unsubscribe=null}static{this.properties={hub:{attribute:!1}}}static{this.styles=[w]}connectedCallback(){super.connectedCallback(),this.unsubscribe=this.hub?.subscribe(()=>this.requestUpdate())??null,this.hubConnected()}disconnectedCallback(){super.disconnectedCallback(),this.unsubscribe?.(),this.unsubscribe=null}hubConnected(){}}const P=r=>`${r} is not available on this hub (the hub does not offer that command yet).`,_=r=>r.split(".",1)[0],es={door:["Open","Closed"],window:["Open","Closed"],garage_door:["Open","Closed"],opening:["Open","Closed"],motion:["Detected","Clear"],occupancy:["Detected","Clear"],presence:["Home","Away"],smoke:["Smoke detected","Clear"],gas:["Gas detected","Clear"],carbon_monoxide:["CO detected","Clear"],moisture:["Wet","Dry"],tamper:["Tampered","Clear"],vibration:["Detected","Clear"],problem:["Problem","OK"],safety:["Unsafe","Safe"],lock:["Unlocked","Locked"],battery:["Low","Normal"],connectivity:["Connected","Disconnected"],plug:["Plugged in","Unplugged"],power:["Power","No power"],sound:["Detected","Clear"]},ss={disarmed:"Disarmed",armed_home:"Armed home",armed_away:"Armed away",armed_night:"Armed night",armed_vacation:"Armed vacation",armed_custom_bypass:"Armed (bypass)",arming:"Arming",pending:"Entry delay",disarming:"Disarming",triggered:"TRIGGERED"},is=r=>!r||r.state==="unavailable"||r.state==="unknown",Tt=r=>r&&r[0].toUpperCase()+r.slice(1).replace(/_/g," ");function A(r){if(!r)return"Missing";if(r.state==="unavailable")return"Unavailable";if(r.state==="unknown")return"Unknown";const t=_(r.entity_id);if(t==="binary_sensor"){const s=es[String(r.attributes.device_class??"")]??["On","Off"];return r.state==="on"?s[0]:s[1]}if(t==="alarm_control_panel")return ss[r.state]??Tt(r.state);const e=r.attributes.unit_of_measurement;if(e!=null&&r.state!==""){const s=Number(r.state);return`${Number.isFinite(s)?rs(s):r.state} ${e}`}return t==="sensor"&&r.attributes.device_class==="timestamp"?ht(r.state):Tt(r.state)}function rs(r){return Number.isInteger(r)?String(r):r.toLocaleString(void 0,{maximumFractionDigits:2})}function ht(r){const t=typeof r=="number"?r*1e3:Date.parse(r);if(!Number.isFinite(t))return String(r);const e=Math.round((Date.now()-t)/1e3),s=Math.abs(e),i=new Intl.RelativeTimeFormat(void 0,{numeric:"auto"});return s<60?i.format(-e,"second"):s<3600?i.format(-Math.round(e/60),"minute"):s<86400?i.format(-Math.round(e/3600),"hour"):i.format(-Math.round(e/86400),"day")}const U=r=>{const t=typeof r=="number"?new Date(r*1e3):new Date(r);return Number.isNaN(t.getTime())?String(r):t.toLocaleString()};function ns(r){const t=_(r.entity_id);return t==="lock"?r.state!=="locked":t==="alarm_control_panel"?r.state==="triggered"||r.state==="pending":["on","open","opening","home","playing","heat","cool"].includes(r.state)}const as=new Set(["light","switch","fan","input_boolean","siren","automation"]),os=new Set(["brightness","color_temp","hs","rgb","rgbw","rgbww","xy","white"]);class cs extends S{static{this.properties={hub:{attribute:!1},stateObj:{attribute:!1},spark:{attribute:!1},confirming:{state:!0},error:{state:!0}}}constructor(){super(),this.confirming="",this.error=""}static{this.styles=[w,$`
      :host {
        display: block;
      }
      .card {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .card.active {
        border-color: var(--accent);
      }
      .card.unavailable {
        opacity: 0.65;
        border-style: dashed;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .icon {
        display: flex;
        color: var(--muted);
        flex: none;
      }
      .active .icon {
        color: var(--accent);
      }
      .name {
        font-weight: 600;
        flex: 1;
        min-width: 0;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .state-row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        min-height: 30px;
      }
      .state {
        font-size: 0.95rem;
      }
      .state.warn {
        color: var(--danger);
        font-weight: 600;
      }
      input[type="range"] {
        width: 100%;
        padding: 0;
      }
      .switch {
        position: relative;
        width: 52px;
        height: 30px;
        border-radius: 15px;
        padding: 0;
        min-height: 0;
        background: var(--border);
      }
      .switch[aria-checked="true"] {
        background: var(--accent);
        border-color: var(--accent);
      }
      .switch::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: #fff;
        transition: transform 0.15s;
      }
      .switch[aria-checked="true"]::after {
        transform: translateX(22px);
      }
      svg {
        width: 100%;
        height: 36px;
      }
      polyline {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2;
      }
    `]}async call(t,e,s={}){this.error="";try{await this.hub.callService(t,e,{entity_id:this.stateObj.entity_id,...s})}catch(i){this.error=g(i)}}render(){const t=this.stateObj,e=_(t.entity_id),s=is(t),i=this.hub.name(t.entity_id),n=t.state==="unavailable"||e==="lock"&&t.state==="jammed"||e==="alarm_control_panel"&&t.state==="triggered"||e==="binary_sensor"&&t.state==="on"&&["smoke","gas","carbon_monoxide","moisture","tamper","problem"].includes(String(t.attributes.device_class));return o`
      <div
        class="card ${ns(t)?"active":""} ${s?"unavailable":""}"
        data-entity=${t.entity_id}
      >
        <div class="head">
          <span class="icon">${I(Xe(e,t.attributes.device_class))}</span>
          <span class="name">${i}</span>
        </div>
        <div class="state-row">
          <span class="state ${n?"warn":""}" data-testid="state">${A(t)}</span>
          ${as.has(e)&&!s?this.renderSwitch(t,e,i):h}
        </div>
        ${s?h:this.renderControls(t,e,i)}
        ${this.spark&&this.spark.length>1?this.renderSpark(this.spark):h}
        ${this.error?o`<div class="error small" role="alert">${this.error}</div>`:h}
      </div>
    `}renderSwitch(t,e,s){const i=t.state==="on",n=e==="automation"?i?"turn_off":"turn_on":"toggle";return o`<button
      class="switch"
      role="switch"
      aria-checked=${i?"true":"false"}
      aria-label="${s}: ${i?"on":"off"}"
      @click=${()=>this.call(e==="siren"&&i?"siren":e,e==="siren"?i?"turn_off":"turn_on":n)}
    ></button>`}renderControls(t,e,s){switch(e){case"light":{if(!(t.attributes.supported_color_modes??[]).some(a=>os.has(a)))return h;const n=Math.round((Number(t.attributes.brightness)||0)/255*100);return o`<label class="small"
          >Brightness ${t.state==="on"?`${n}%`:""}
          <input
            type="range"
            min="1"
            max="100"
            .value=${String(n||1)}
            aria-label="${s} brightness"
            @change=${a=>this.call("light","turn_on",{brightness_pct:Number(a.target.value)})}
        /></label>`}case"lock":return this.renderLock(t,s);case"cover":case"valve":{const i=e==="cover"?"open_cover":"open_valve",n=e==="cover"?"close_cover":"close_valve",a=e==="cover"?"stop_cover":"stop_valve";return o`<div class="row">
          <button @click=${()=>this.call(e,i)} aria-label="Open ${s}">Open</button>
          <button @click=${()=>this.call(e,a)} aria-label="Stop ${s}">Stop</button>
          <button @click=${()=>this.call(e,n)} aria-label="Close ${s}">Close</button>
        </div>`}case"climate":{const i=Number(t.attributes.temperature),n=Number(t.attributes.target_temp_step)||.5,a=t.attributes.current_temperature;return o`<div class="small muted">
            Current ${a??"—"} · mode ${t.state}
          </div>
          <div class="row">
            <button aria-label="Lower ${s} target" @click=${()=>this.call("climate","set_temperature",{temperature:i-n})}>−</button>
            <strong aria-live="polite">${Number.isFinite(i)?i:"—"}°</strong>
            <button aria-label="Raise ${s} target" @click=${()=>this.call("climate","set_temperature",{temperature:i+n})}>+</button>
          </div>`}case"input_number":{const i=t.attributes;return o`<input
          type="range"
          min=${String(i.min)}
          max=${String(i.max)}
          step=${String(i.step??1)}
          .value=${t.state}
          aria-label=${s}
          @change=${n=>this.call("input_number","set_value",{value:Number(n.target.value)})}
        />`}case"script":case"scene":case"button":case"input_button":{const i=e==="script"||e==="scene"?"turn_on":"press";return o`<button @click=${()=>this.call(e,i)}>
          ${e==="script"?"Run":e==="scene"?"Activate":"Press"}
        </button>`}case"alarm_control_panel":return o`<a class="btn" href="#/alarm">Open keypad</a>`;default:return h}}renderLock(t,e){const s=t.state==="locked",i=s?"unlock":"lock";return this.confirming===i?o`<div class="row" role="group" aria-label="Confirm ${i}">
        <span class="small">${s?"Unlock":"Lock"} ${e}?</span>
        <button
          class=${s?"danger":"primary"}
          @click=${()=>{this.confirming="",this.call("lock",i)}}
        >
          Yes, ${i}
        </button>
        <button @click=${()=>this.confirming=""}>Cancel</button>
      </div>`:o`<button @click=${()=>this.confirming=i} aria-label="${s?"Unlock":"Lock"} ${e}">
      ${s?"Unlock":"Lock"}
    </button>`}renderSpark(t){const e=Math.min(...t),i=Math.max(...t)-e||1,n=t.map((a,c)=>`${(c/(t.length-1)*100).toFixed(1)},${(30-(a-e)/i*28+1).toFixed(1)}`).join(" ");return o`<svg viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label="Last 24 hours">
      ${Bt`<polyline points=${n}></polyline>`}
    </svg>`}}customElements.define("bastion-entity",cs);const ls=new Set(["automation","zone","persistent_notification","sun","tag"]),ds=24;class hs extends f{constructor(){super(),this.sparkLoaded=!1,this.filter="",this.sparks={}}static{this.properties={...f.properties,filter:{state:!0},sparks:{state:!0}}}static{this.styles=[w,$`
      section {
        margin-bottom: 1.4rem;
      }
      .floor {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--muted);
        margin: 1.2rem 0 0.4rem;
      }
      input[type="search"] {
        width: min(320px, 100%);
      }
    `]}updated(){!this.sparkLoaded&&Object.keys(this.hub.entities).length&&(this.sparkLoaded=!0,this.loadSparks())}numericIds(){return Object.values(this.hub.entities).filter(t=>_(t.entity_id)==="sensor"&&t.attributes.unit_of_measurement!==void 0).map(t=>t.entity_id)}async loadSparks(){const t=this.numericIds();if(t.length)try{const e=new Date(Date.now()-ds*36e5).toISOString(),s=await this.hub.call({type:"history/history_during_period",start_time:e,entity_ids:t,minimal_response:!0,no_attributes:!0}),i={};for(const[n,a]of Object.entries(s))i[n]=a.map(c=>Number(c.s)).filter(Number.isFinite);this.sparks=i}catch{}}groups(){const t=this.hub,e=this.filter.trim().toLowerCase(),s=new Map;for(const d of Object.values(t.entities)){if(ls.has(_(d.entity_id))||t.entries.get(d.entity_id)?.hidden_by||e&&!`${t.name(d.entity_id)} ${d.entity_id}`.toLowerCase().includes(e))continue;const m=t.areaOf(d.entity_id)??"",b=s.get(m)??[];b.push(d),s.set(m,b)}const i=d=>d.sort((m,b)=>t.name(m.entity_id).localeCompare(t.name(b.entity_id))),n=t.areas.filter(d=>s.has(d.area_id)).map(d=>({id:d.area_id,name:d.name,floor:d.floor_id??null,entities:i(s.get(d.area_id))})),a=new Set(t.areas.map(d=>d.area_id));for(const[d,m]of s)a.has(d)||n.push({id:d||"other",name:d||"Other",floor:null,entities:i(m)});const c=[...t.floors].sort((d,m)=>(d.level??0)-(m.level??0)),l=c.map(d=>({floor:d.name,areas:n.filter(m=>m.floor===d.floor_id)})).filter(d=>d.areas.length),u=new Set(c.map(d=>d.floor_id)),p=n.filter(d=>!d.floor||!u.has(d.floor));return p.length&&l.push({floor:c.length?"Other areas":null,areas:p}),l}render(){const t=this.groups();return o`
      <div class="row">
        <h1>Dashboard</h1>
        <span class="spacer"></span>
        <input
          type="search"
          placeholder="Filter entities"
          aria-label="Filter entities"
          .value=${this.filter}
          @input=${e=>this.filter=e.target.value}
        />
      </div>
      ${t.length===0?o`<p class="muted">No entities yet.</p>`:h}
      ${t.map(e=>o`
          ${e.floor?o`<div class="floor" role="heading" aria-level="2">${e.floor}</div>`:h}
          ${e.areas.map(s=>o`<section aria-labelledby="area-${s.id}" data-area=${s.id}>
              <h2 id="area-${s.id}">${s.name}</h2>
              <div class="grid">
                ${s.entities.map(i=>o`<bastion-entity
                    .hub=${this.hub}
                    .stateObj=${i}
                    .spark=${this.sparks[i.entity_id]}
                  ></bastion-entity>`)}
              </div>
            </section>`)}
        `)}
    `}}customElements.define("bastion-dashboard",hs);const us=(function(){const t=typeof document<"u"&&document.createElement("link").relList;return t&&t.supports&&t.supports("modulepreload")?"modulepreload":"preload"})(),ps=function(r){return"/"+r},Nt={},Q=function(t,e,s){let i=Promise.resolve();if(e&&e.length>0){let l=function(u){return Promise.all(u.map(p=>Promise.resolve(p).then(d=>({status:"fulfilled",value:d}),d=>({status:"rejected",reason:d}))))};document.getElementsByTagName("link");const a=document.querySelector("meta[property=csp-nonce]"),c=a?.nonce||a?.getAttribute("nonce");i=l(e.map(u=>{if(u=ps(u),u in Nt)return;Nt[u]=!0;const p=u.endsWith(".css"),d=p?'[rel="stylesheet"]':"";if(document.querySelector(`link[href="${u}"]${d}`))return;const m=document.createElement("link");if(m.rel=p?"stylesheet":us,p||(m.as="script"),m.crossOrigin="",m.href=u,c&&m.setAttribute("nonce",c),document.head.appendChild(m),p)return new Promise((b,y)=>{m.addEventListener("load",b),m.addEventListener("error",()=>y(new Error(`Unable to preload CSS for ${u}`)))})}))}function n(a){const c=new Event("vite:preloadError",{cancelable:!0});if(c.payload=a,window.dispatchEvent(c),!c.defaultPrevented)throw a}return i.then(a=>{for(const c of a||[])c.status==="rejected"&&n(c.reason);return t().catch(n)})},Bs=r=>r.call({type:"alarm/incidents"}).then(t=>t.incidents??[]),Fs=(r,t)=>r.call({type:"alarm/acknowledge",incident_id:t}).then(e=>e.acknowledged??[]),ms=r=>r.call({type:"alarm/playbooks"}),bs={intrusion:"Intrusion",fire:"Fire",co:"Carbon monoxide",gas:"Gas",water_leak:"Water leak",panic:"Panic",tamper:"Tamper",unavailable:"Sensor lost"},Ws=r=>bs[r]??r.replace(/_/g," "),fs={fire:"Fire response",co_gas:"CO/gas response",water_leak:"Water leak response",lockdown:"Lockdown"},gs={armed_away:"away",armed_home:"home",armed_night:"night",armed_vacation:"vacation",armed_custom_bypass:"with bypass"};function ys(r,t){const e=typeof r=="object"&&r!==null?String(r.code??""):"",s=g(r).replace(/\b[a-z0-9_]+\.[a-z0-9_]+\b/g,n=>t?.entities[n]?t.name(n):n),i=(n,a,c=!1)=>({kind:n,text:a,bypassable:c});if(e==="unauthorized"){if(/^(wrong code|unknown tag)$/i.test(s))return i("wrong_code","Wrong code — try again.");const n=/locked for (\d+)/i.exec(s);if(n){const a=Math.max(1,Math.ceil(Number(n[1])/60));return i("lockout",`Too many wrong codes: code entry is locked for ${a} more minute${a===1?"":"s"}.`)}return i("unauthorized",`Not allowed: ${s.replace(/^Unauthorized:\s*/i,"")}`)}if(/not ready to arm|cannot be armed: .* cannot be bypassed/i.test(s)){const n=s.replace(/\barmed_\w+/g,a=>gs[a]??a);return i("not_ready",n,!/cannot be bypassed/i.test(s))}return i(e==="not_found"?"not_found":"other",s)}function Gs(r,t){return t?t.startsWith("user:")?r.user&&t===`user:${r.user.id}`?`you (${r.user.name})`:"a hub user":t:""}const _s=[["armed_away","Arm away",2],["armed_home","Arm home",1],["armed_night","Arm night",4],["armed_vacation","Arm vacation",32]],vs={armed_away:"alarm_arm_away",armed_home:"alarm_arm_home",armed_night:"alarm_arm_night",armed_vacation:"alarm_arm_vacation"},$s=r=>{const t=r.attributes.areas;return t?Object.keys(t):[r.entity_id.split(".",2)[1]]},ws=["1","2","3","4","5","6","7","8","9","clear","0","back"];class ks extends f{constructor(){super(),this.timer=0,this.forceMode="",this.selected="",this.code="",this.message="",this.failure=null,this.busy=!1,this.tick=0}static{this.properties={...f.properties,selected:{state:!0},code:{state:!0},message:{state:!0},failure:{state:!0},busy:{state:!0},tick:{state:!0}}}static{this.styles=[w,$`
      .panels {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
        margin-bottom: 0.8rem;
      }
      .panels button[aria-pressed="true"] {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .keypad-wrap {
        display: grid;
        grid-template-columns: minmax(260px, 380px) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 800px) {
        .keypad-wrap {
          grid-template-columns: 1fr;
        }
      }
      .status {
        font-size: 1.5rem;
        font-weight: 700;
        padding: 0.8rem;
        border-radius: 10px;
        text-align: center;
        background: var(--btn);
      }
      .status.disarmed {
        background: var(--ok);
        color: #fff;
      }
      .status.armed {
        background: var(--accent);
        color: #fff;
      }
      .status.pending,
      .status.arming {
        background: var(--warn);
        color: #fff;
      }
      .status.triggered {
        background: var(--danger);
        color: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.7;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.triggered {
          animation: none;
        }
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5rem;
        margin: 0.7rem 0;
      }
      .keys button {
        font-size: 1.4rem;
        min-height: 56px;
      }
      .code {
        width: 100%;
        font-size: 1.4rem;
        text-align: center;
        letter-spacing: 0.3em;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
      }
      .actions .disarm {
        grid-column: 1 / -1;
      }
      .msg {
        margin: 0.6rem 0 0;
        font-weight: 600;
      }
      ul {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
    `]}connectedCallback(){super.connectedCallback(),Q(()=>import("./incidents-Bfgj7WhD.js"),[]),this.timer=window.setInterval(()=>this.tick=Date.now(),1e3)}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.timer)}panels(){return Object.values(this.hub.entities).filter(t=>_(t.entity_id)==="alarm_control_panel").sort((t,e)=>t.entity_id.localeCompare(e.entity_id))}async send(t,e,s=!1){this.busy=!0,this.message="",this.failure=null;const i=this.code||void 0,n={entity_id:t.entity_id,...i?{code:i}:{}};try{e==="disarmed"?(await this.hub.callService("alarm_control_panel","alarm_disarm",n),this.message="Disarmed."):s?(await this.hub.callService("alarm","arm",{...n,mode:e,force:!0}),this.message="Arming with open sensors bypassed."):(await this.hub.callService("alarm_control_panel",vs[e],n),this.message="Command accepted.")}catch(a){this.failure=ys(a,this.hub),this.message=this.failure.text,this.forceMode=e==="disarmed"?"":e}finally{this.code="",this.busy=!1}this.failure?.kind==="wrong_code"&&(await this.updateComplete,this.renderRoot.querySelector("#code")?.focus())}press(t){t==="clear"?this.code="":t==="back"?this.code=this.code.slice(0,-1):this.code.length<16&&(this.code+=t)}countdown(t){const e=t.attributes,s=e.delay_until??e.expires_at;let i=null;return typeof s=="string"?i=(Date.parse(s)-Date.now())/1e3:typeof e.delay=="number"&&(i=e.delay-(Date.now()-Date.parse(t.last_changed))/1e3),this.tick,i!==null&&Number.isFinite(i)?`${Math.max(0,Math.ceil(i))} s`:""}render(){const t=this.panels();if(!t.length)return o`<h1>Alarm</h1>
        <p class="notice">No alarm panels on this hub. Configure the <code>alarm:</code> integration.</p>`;const e=t.find(s=>s.entity_id===this.selected)??t[0];return o`
      <h1>Alarm</h1>
      ${t.length>1?o`<div class="panels" role="group" aria-label="Alarm areas">
            ${t.map(s=>o`<button
                aria-pressed=${s.entity_id===e.entity_id?"true":"false"}
                @click=${()=>{this.selected=s.entity_id,this.message="",this.failure=null}}
              >
                ${this.hub.name(s.entity_id)} · ${A(s)}
              </button>`)}
          </div>`:h}
      <div class="keypad-wrap">${this.renderKeypad(e)} ${this.renderDetails(e)}</div>
    `}renderKeypad(t){const e=t.state,s=e.startsWith("armed")?"armed":e,i=Number(t.attributes.supported_features??0),n=_s.filter(([,,l])=>!i||i&l),a=this.countdown(t),c=e==="disarmed";return o`<div class="card" data-testid="keypad">
      <h2>${this.hub.name(t.entity_id)}</h2>
      <div class="status ${s}" role="status" aria-live="assertive" data-testid="alarm-state">
        ${A(t)}${a?o` · <span data-testid="countdown">${a}</span>`:h}
      </div>
      ${e==="arming"?o`<p class="small">Exit delay running — leave now, or disarm.</p>`:e==="pending"?o`<p class="small"><strong>Entry delay — enter your code to disarm.</strong></p>`:h}
      <label class="sr-only" for="code">Alarm code</label>
      <input
        id="code"
        class="code"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        placeholder="Code"
        .value=${this.code}
        @input=${l=>this.code=l.target.value}
        @keydown=${l=>{l.key==="Enter"&&this.send(t,c?"armed_away":"disarmed")}}
      />
      <div class="keys" role="group" aria-label="Keypad">
        ${ws.map(l=>o`<button
            ?disabled=${this.busy}
            aria-label=${l==="clear"?"Clear code":l==="back"?"Delete last digit":l}
            @click=${()=>this.press(l)}
          >
            ${l==="clear"?"C":l==="back"?"⌫":l}
          </button>`)}
      </div>
      <div class="actions">
        ${n.map(([l,u])=>o`<button
            class=${e===l?"primary":""}
            ?disabled=${this.busy||!c}
            @click=${()=>this.send(t,l)}
          >
            ${u}
          </button>`)}
        <button class="disarm danger" ?disabled=${this.busy||c} @click=${()=>this.send(t,"disarmed")}>
          Disarm
        </button>
      </div>
      ${this.renderMessage(t)}
    </div>`}renderMessage(t){if(!this.message)return h;const e=this.failure;if(!e)return o`<p class="msg" role="status" data-testid="alarm-message">${this.message}</p>`;const s=e.kind==="not_ready"&&e.bypassable&&t.state==="disarmed"&&this.forceMode;return o`<div class="msg error" role="alert" data-testid="alarm-message" data-kind=${e.kind}>
      ${this.message}
      ${s?o`<div>
            ${t.attributes.code_arm_required===!1?h:o`<p class="small">Enter the code again to arm anyway.</p>`}
            <button class="force" ?disabled=${this.busy} @click=${()=>this.send(t,this.forceMode,!0)}>
              Arm anyway (bypass open sensors)
            </button>
          </div>`:h}
    </div>`}renderDetails(t){const e=t.attributes,s=e.open_sensors??[],i=e.bypassed_sensors??[],n=e.trigger_sensors??[],a=c=>o`<ul>
        ${c.map(l=>o`<li>${this.hub.name(l)} <span class="muted small">(${l})</span></li>`)}
      </ul>`;return o`<div class="card">
      ${t.state==="triggered"?o`<h2 class="error">Alarm triggered</h2>
            ${n.length?o`<p>Triggered by:</p>${a(n)}`:o`<p>Trigger source unknown.</p>`}`:h}
      <h3>Ready to arm</h3>
      ${s.length?o`<p class="error">Not ready — open sensors:</p>
            ${a(s)}
            ${t.state==="disarmed"?o`<button @click=${()=>this.send(t,"armed_away",!0)}>
                  Force arm away (bypass open sensors)
                </button>`:h}`:o`<p>All sensors are closed.</p>`}
      ${i.length?o`<h3>Bypassed</h3>${a(i)}`:h}
      ${e.changed_by?o`<p class="small muted">Last changed by ${e.changed_by}</p>`:h}
      <bastion-incidents .hub=${this.hub} .areas=${$s(t)} compact data-testid="keypad-incidents"></bastion-incidents>
    </div>`}}customElements.define("bastion-alarm",ks);const Ss=new Set(["door","window","garage_door","opening"]),Es=5e3,xs=100;class As extends f{constructor(){super(),this.refresh=0,this.unsubPlaybooks=null,this.audit=null,this.auditError="",this.auditFilter="",this.playbooks=null,this.playbookError=""}static{this.properties={...f.properties,audit:{state:!0},auditError:{state:!0},auditFilter:{state:!0},playbooks:{state:!0},playbookError:{state:!0}}}static{this.styles=[w,$`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      .incidents {
        margin-bottom: 0.8rem;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      li {
        margin: 0.2rem 0;
      }
      .alert {
        border-left: 4px solid var(--danger);
        padding: 0.4rem 0.6rem;
        margin: 0.4rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){Q(()=>import("./incidents-Bfgj7WhD.js"),[]),this.loadPlaybooks(),this.loadAudit(),this.refresh=window.setInterval(()=>{this.loadPlaybooks()},Es),this.hub.user?.is_admin&&this.hub.conn.subscribeEvents(()=>{this.loadPlaybooks()},"alarm_playbook").then(t=>this.unsubPlaybooks=t).catch(()=>{})}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.refresh),this.unsubPlaybooks?.(),this.unsubPlaybooks=null}async loadPlaybooks(){try{this.playbooks=await ms(this.hub),this.playbookError=""}catch(t){this.playbooks=null,this.playbookError=R(t)?P("Playbook status (alarm/playbooks)"):g(t)}}async loadAudit(){try{const t=this.auditFilter.trim();this.audit=await this.hub.call({type:"audit/list",limit:xs,...t?{action:t}:{}}),this.auditError=""}catch(t){this.audit=null,this.auditError=R(t)?P("The audit log viewer (audit/list)"):g(t)}}list(t){return Object.values(this.hub.entities).filter(t)}render(){const t=this.list(c=>_(c.entity_id)==="alarm_control_panel"),e=t.filter(c=>c.state==="triggered"||c.state==="pending"),s=this.list(c=>_(c.entity_id)==="binary_sensor"&&Ss.has(String(c.attributes.device_class))&&c.state==="on"),i=this.list(c=>_(c.entity_id)==="lock"&&c.state!=="locked"),n=this.list(c=>_(c.entity_id)==="binary_sensor"&&["smoke","gas","carbon_monoxide","moisture","tamper"].includes(String(c.attributes.device_class))&&c.state==="on"),a=[...new Set(t.flatMap(c=>c.attributes.bypassed_sensors??[]))];return o`
      <h1>Security center</h1>
      <section class="card incidents" aria-labelledby="incidents-h">
        <h2 id="incidents-h">Incidents</h2>
        <bastion-incidents .hub=${this.hub}></bastion-incidents>
      </section>
      <div class="cols">
        <section class="card" aria-labelledby="alarms-h">
          <h2 id="alarms-h">Active alarms and alerts</h2>
          ${e.map(c=>o`<div class="alert"><strong>${this.hub.name(c.entity_id)}</strong>: ${A(c)}
              ${c.attributes.trigger_sensors?.length?o`<div class="small">Sensor: ${c.attributes.trigger_sensors.map(l=>this.hub.name(l)).join(", ")}</div>`:h}</div>`)}
          ${n.map(c=>o`<div class="alert"><strong>${this.hub.name(c.entity_id)}</strong>: ${A(c)}</div>`)}
          ${!e.length&&!n.length?o`<p data-testid="all-clear">No active alarms.</p>`:h}
        </section>
        <section class="card" aria-labelledby="open-h">
          <h2 id="open-h">Open doors and windows</h2>
          ${s.length?o`<ul>${s.map(c=>o`<li>${this.hub.name(c.entity_id)} — ${A(c)}</li>`)}</ul>`:o`<p>All closed.</p>`}
          <h3 style="margin-top:0.8rem">Unlocked locks</h3>
          ${i.length?o`<ul>${i.map(c=>o`<li>${this.hub.name(c.entity_id)} — ${A(c)}</li>`)}</ul>`:o`<p>All locked.</p>`}
        </section>
        <section class="card" aria-labelledby="bypass-h">
          <h2 id="bypass-h">Bypassed sensors</h2>
          ${a.length?o`<ul>${a.map(c=>o`<li>${this.hub.name(c)}</li>`)}</ul>`:o`<p>None.</p>`}
          <h3 style="margin-top:0.8rem">Life-safety playbooks</h3>
          ${this.renderPlaybooks()}
        </section>
      </div>
      <section class="card" aria-labelledby="audit-h">
        <div class="row">
          <h2 id="audit-h">Audit log</h2>
          <span class="spacer"></span>
          <input
            type="search"
            placeholder="Filter by action (e.g. login)"
            aria-label="Filter audit log by action"
            .value=${this.auditFilter}
            @change=${c=>{this.auditFilter=c.target.value,this.loadAudit()}}
          />
        </div>
        ${this.auditError?o`<p class="muted">${this.auditError}</p>`:h}
        ${this.audit?o`<div class="table-wrap"><table>
              <thead><tr><th>Time</th><th>Action</th><th>Who</th><th>Target</th><th>Outcome</th></tr></thead>
              <tbody>
                ${this.audit.map(c=>o`<tr>
                    <td>${U(c.time??c.ts??"")}</td>
                    <td>${c.action}</td>
                    <td>${c.username??c.user_id??"—"}</td>
                    <td>${c.target??"—"}</td>
                    <td>${c.outcome??""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:h}
      </section>
    `}renderPlaybooks(){return this.playbookError?o`<p class="muted">${this.playbookError}</p>`:this.playbooks?this.playbooks.length?o`<ul data-testid="playbooks">
      ${this.playbooks.map(t=>o`<li data-playbook=${t.playbook}>
          <strong>${fs[t.playbook]??t.playbook}</strong> —
          ${t.active?o`<span class="badge bad">Active</span>`:o`<span class="badge">Idle</span>`}
          ${t.holding.length?o`<div class="small">Holding ${t.holding.map(e=>this.hub.name(e)).join(", ")}</div>`:h}
          ${t.triggers.length?o`<div class="small muted">Starts on: ${t.triggers.join(", ").replace(/_/g," ")}</div>`:h}
        </li>`)}
    </ul>`:o`<p>None configured.</p>`:h}}customElements.define("bastion-security",As);const Ms='.uplot,.uplot *,.uplot *:before,.uplot *:after{box-sizing:border-box}.uplot{font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial,Noto Sans,sans-serif,"Apple Color Emoji","Segoe UI Emoji",Segoe UI Symbol,"Noto Color Emoji";line-height:1.5;width:min-content}.u-title{text-align:center;font-size:18px;font-weight:700}.u-wrap{position:relative;user-select:none}.u-over,.u-under{position:absolute}.u-under{overflow:hidden}.uplot canvas{display:block;position:relative;width:100%;height:100%}.u-axis{position:absolute}.u-legend{font-size:14px;margin:auto;text-align:center}.u-inline{display:block}.u-inline *{display:inline-block}.u-inline tr{margin-right:16px}.u-legend th{font-weight:600}.u-legend th>*{vertical-align:middle;display:inline-block}.u-legend .u-marker{width:1em;height:1em;margin-right:4px;background-clip:padding-box!important}.u-inline.u-live th:after{content:":";vertical-align:middle}.u-inline:not(.u-live) .u-value{display:none}.u-series>*{padding:4px}.u-series th{cursor:pointer}.u-legend .u-off>*{opacity:.3}.u-select{background:#00000012;position:absolute;pointer-events:none}.u-cursor-x,.u-cursor-y{position:absolute;left:0;top:0;pointer-events:none;will-change:transform}.u-hz .u-cursor-x,.u-vt .u-cursor-y{height:100%;border-right:1px dashed #607D8B}.u-hz .u-cursor-y,.u-vt .u-cursor-x{width:100%;border-bottom:1px dashed #607D8B}.u-cursor-pt{position:absolute;top:0;left:0;border-radius:50%;border:0 solid;pointer-events:none;will-change:transform;background-clip:padding-box!important}.u-axis.u-off,.u-select.u-off,.u-cursor-x.u-off,.u-cursor-y.u-off,.u-cursor-pt.u-off{display:none}',Jt=[["1 hour",1],["6 hours",6],["24 hours",24],["7 days",168]],Cs=8,Os=r=>r.length>0&&r.every(t=>t.s==="unavailable"||t.s==="unknown"||Number.isFinite(Number(t.s)));class Ts extends f{constructor(){super(),this.charts=[],this.hours=24,this.selected=[],this.data=null,this.error=""}static{this.properties={...f.properties,hours:{state:!0},selected:{state:!0},data:{state:!0},error:{state:!0}}}static{this.styles=[w,It(Ms),$`
      .chart {
        margin: 0.6rem 0 1rem;
        overflow: hidden;
      }
      .timeline {
        display: flex;
        height: 26px;
        border-radius: 6px;
        overflow: hidden;
        border: 1px solid var(--border);
      }
      .seg {
        height: 100%;
        font-size: 0.7rem;
        color: #fff;
        overflow: hidden;
        white-space: nowrap;
        padding: 0 2px;
        line-height: 26px;
      }
      .seg.on {
        background: var(--accent);
      }
      .seg.off {
        background: var(--muted);
      }
      .seg.na {
        background: repeating-linear-gradient(45deg, var(--border), var(--border) 4px, transparent 4px, transparent 8px);
        color: var(--fg);
      }
      select[multiple] {
        min-height: 8rem;
        width: min(420px, 100%);
      }
      .u-legend {
        color: var(--fg);
      }
    `]}hubConnected(){if(!this.selected.length){const e=Object.keys(this.hub.entities).filter(s=>["sensor","binary_sensor","lock","light"].includes(_(s))).sort().slice(0,Cs);this.selected=e}this.load()}disconnectedCallback(){super.disconnectedCallback(),this.charts.forEach(t=>t.destroy()),this.charts=[]}async load(){if(!this.selected.length){this.data={};return}try{this.data=await this.hub.call({type:"history/history_during_period",start_time:new Date(Date.now()-this.hours*36e5).toISOString(),entity_ids:this.selected,minimal_response:!0,no_attributes:!0,significant_changes_only:!1}),this.error=""}catch(t){this.data=null,this.error=R(t)?P("History (the recorder)"):`The hub could not read the history: ${g(t)}`}}async updated(){if(this.charts.forEach(a=>a.destroy()),this.charts=[],!this.data)return;const t=this.renderRoot.querySelectorAll("[data-chart]");if(!t.length)return;const{default:e}=await Q(async()=>{const{default:a}=await import("./uPlot.esm-CluHQUMV.js");return{default:a}},[]),s=getComputedStyle(this),i=s.getPropertyValue("--accent").trim()||"#1d5fa8",n=s.getPropertyValue("--muted").trim()||"#666";for(const a of t){const c=a.dataset.chart,l=this.data[c]??[],u=l.map(b=>b.lu??b.lc??0),p=l.map(b=>Number.isFinite(Number(b.s))?Number(b.s):null),d=Math.max(240,a.clientWidth-4),m=String(this.hub.entities[c]?.attributes.unit_of_measurement??"");this.charts.push(new e({width:d,height:180,series:[{},{label:m||c,stroke:i,width:2,spanGaps:!1}],axes:[{stroke:n},{stroke:n}],legend:{show:!1}},[u,p],a))}}renderTimeline(t,e){const s=Date.now()/1e3,i=s-this.hours*3600,n=e.map((a,c)=>{const l=Math.max(i,a.lu??a.lc??i),u=e[c+1],p=u?u.lu??u.lc??s:s;return{state:a.s,width:Math.max(0,(p-l)/(s-i)*100)}});return o`<div class="timeline" role="img" aria-label="Timeline of ${this.hub.name(t)}">
      ${n.map(a=>o`<div
          class="seg ${["on","open","unlocked","home"].includes(a.state)?"on":a.state==="unavailable"||a.state==="unknown"?"na":"off"}"
          style="width:${a.width.toFixed(3)}%"
          title=${a.state}
        >
          ${a.width>8?a.state:""}
        </div>`)}
    </div>`}render(){const t=Object.keys(this.hub.entities).sort();return o`
      <h1>History</h1>
      <div class="row card">
        <label
          >Entities
          <select
            multiple
            aria-label="Entities to show"
            @change=${e=>{this.selected=[...e.target.selectedOptions].map(s=>s.value),this.load()}}
          >
            ${t.map(e=>o`<option value=${e} ?selected=${this.selected.includes(e)}>${this.hub.name(e)}</option>`)}
          </select>
        </label>
        <label
          >Period
          <select
            @change=${e=>{this.hours=Number(e.target.value),this.load()}}
          >
            ${Jt.map(([e,s])=>o`<option value=${s} ?selected=${s===this.hours}>${e}</option>`)}
          </select>
        </label>
      </div>
      ${this.error?o`<p class="notice" data-testid="recorder-error">${this.error}</p>`:h}
      ${this.data?this.selected.map(e=>{const s=this.data[e]??[];return o`<section class="card chart">
              <h3>${this.hub.name(e)}</h3>
              ${s.length?Os(s)?o`<div data-chart=${e}></div>`:this.renderTimeline(e,s):o`<p class="muted small">No history in this period.</p>`}
            </section>`}):h}
    `}}customElements.define("bastion-history",Ts);class Ns extends f{static{this.properties={...f.properties,entries:{state:!0},error:{state:!0},hours:{state:!0}}}constructor(){super(),this.entries=null,this.error="",this.hours=24}hubConnected(){this.load()}async load(){try{const t=await this.hub.call({type:"logbook/get_events",start_time:new Date(Date.now()-this.hours*36e5).toISOString()});this.entries=[...t].reverse(),this.error=""}catch(t){this.entries=null,this.error=R(t)?P("The logbook (the recorder)"):`The hub could not read the logbook: ${g(t)}`}}render(){return o`
      <div class="row">
        <h1>Logbook</h1>
        <span class="spacer"></span>
        <select
          aria-label="Period"
          @change=${t=>{this.hours=Number(t.target.value),this.load()}}
        >
          ${Jt.map(([t,e])=>o`<option value=${e} ?selected=${e===this.hours}>${t}</option>`)}
        </select>
        <button @click=${()=>this.load()}>Refresh</button>
      </div>
      ${this.error?o`<p class="notice" data-testid="recorder-error">${this.error}</p>`:h}
      ${this.entries&&!this.entries.length?o`<p class="muted">Nothing happened in this period.</p>`:h}
      ${this.entries?o`<div class="card"><table>
            <tbody>
              ${this.entries.map(t=>o`<tr>
                  <td class="small muted" style="white-space:nowrap">${U(t.when)}</td>
                  <td>
                    <strong>${t.name??t.entity_id??""}</strong> ${t.message??t.state??""}
                    ${t.context_user_name?o` by <strong>${t.context_user_name}</strong>`:t.context_name?o` <span class="muted">triggered by ${t.context_name}</span>`:h}
                  </td>
                </tr>`)}
            </tbody>
          </table></div>`:h}
    `}}customElements.define("bastion-logbook",Ns);class Rs extends f{constructor(){super(),this.traceKey="",this.path=[],this.message="",this.traces=null,this.trace=null,this.traceError="",this.editorReady=!1}static{this.properties={...f.properties,path:{attribute:!1},message:{state:!0},traces:{state:!0},trace:{state:!0},traceError:{state:!0},editorReady:{state:!0}}}static{this.styles=[w,$`
      td.actions {
        white-space: nowrap;
        text-align: right;
      }
      td.actions button,
      td.actions a {
        margin-left: 0.3rem;
      }
      a.btn {
        text-decoration: none;
        display: inline-block;
      }
      pre {
        white-space: pre-wrap;
        font-size: 0.8rem;
        background: var(--bg);
        padding: 0.6rem;
        border-radius: 6px;
        max-height: 60vh;
        overflow: auto;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}items(t){return Object.values(this.hub.entities).filter(e=>_(e.entity_id)===t).sort((e,s)=>this.hub.name(e.entity_id).localeCompare(this.hub.name(s.entity_id)))}async act(t,e,s,i){try{await this.hub.callService(t,e,{entity_id:s}),this.message=i}catch(n){this.message=g(n)}}willUpdate(){const[t,e,s,i]=this.path;if(t==="edit"&&!this.editorReady&&Q(()=>import("./automation-editor-80KT6cZT.js"),[]).then(()=>this.editorReady=!0),t==="traces"&&e&&s){const n=this.path.join("/");n!==this.traceKey&&(this.traceKey=n,this.loadTraces(e,s,i))}}async loadTraces(t,e,s){this.traceError="";try{this.traces=await this.hub.call({type:"trace/list",domain:t,item_id:e});const i=s??this.traces.at(-1)?.run_id;this.trace=i?await this.hub.call({type:"trace/get",domain:t,item_id:e,run_id:i}):null}catch(i){this.traces=null,this.trace=null,this.traceError=R(i)?P("Run traces (trace/list)"):g(i)}}render(){const[t,e,s]=this.path;if(t==="edit"){const i=e==="script"?"script":"automation",n=e==="script"||e==="automation"?s:e;return this.editorReady?o`<bastion-automation-editor .hub=${this.hub} .domain=${i} .itemId=${n??""}></bastion-automation-editor>`:o`<p class="muted">Loading editor…</p>`}return t==="traces"?this.renderTraces(e,s):o`
      <div class="row">
        <h1>Automations</h1>
        <span class="spacer"></span>
        <a class="btn" href="#/automations/edit/automation/new">New automation</a>
      </div>
      ${this.message?o`<p role="status">${this.message}</p>`:h}
      ${this.renderTable("automation")}
      <h1 style="margin-top:1.2rem">Scripts</h1>
      ${this.renderTable("script")}
    `}renderTable(t){const e=this.items(t);return e.length?o`<div class="card table-wrap"><table>
      <thead><tr><th>Name</th><th>State</th><th>Last run</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${e.map(s=>{const i=String(s.attributes.id??s.entity_id.split(".")[1]),n=this.hub.name(s.entity_id),a=s.state==="on",c=s.attributes.last_triggered;return o`<tr data-entity=${s.entity_id}>
            <td>${n}</td>
            <td>
              ${t==="automation"?o`<span class="badge ${a?"on":""}">${a?"Enabled":"Disabled"}</span>`:o`<span class="badge ${a?"on":""}">${a?"Running":"Idle"}</span>`}
            </td>
            <td class="small">${c?o`<span title=${U(c)}>${ht(c)}</span>`:"never"}</td>
            <td class="actions">
              ${t==="automation"?o`<button
                      aria-label="${a?"Disable":"Enable"} ${n}"
                      @click=${()=>this.act("automation",a?"turn_off":"turn_on",s.entity_id,a?`${n} disabled.`:`${n} enabled.`)}
                    >
                      ${a?"Disable":"Enable"}
                    </button>
                    <button aria-label="Run ${n}" @click=${()=>this.act("automation","trigger",s.entity_id,`${n} ran.`)}>Run</button>`:o`<button aria-label="Run ${n}" @click=${()=>this.act("script","turn_on",s.entity_id,`${n} started.`)}>Run</button>`}
              <a class="btn" href="#/automations/edit/${t}/${encodeURIComponent(i)}" aria-label="Edit ${n}">Edit</a>
              <a class="btn" href="#/automations/traces/${t}/${encodeURIComponent(i)}" aria-label="Traces of ${n}">Traces</a>
            </td>
          </tr>`})}
      </tbody>
    </table></div>`:o`<p class="muted">None configured.</p>`}renderTraces(t,e){return o`
      <div class="row">
        <a class="btn" href="#/automations">← Back</a>
        <h1>Traces · ${t}.${e}</h1>
      </div>
      ${this.traceError?o`<p class="notice">${this.traceError}</p>`:h}
      ${this.traces&&!this.traces.length?o`<p class="muted">No runs recorded yet.</p>`:h}
      ${this.traces?.length?o`<div class="card"><table>
            <thead><tr><th>Started</th><th>Result</th><th>Trigger</th><th></th></tr></thead>
            <tbody>
              ${[...this.traces].reverse().map(s=>o`<tr>
                  <td>${s.timestamp?U(s.timestamp.start):"—"}</td>
                  <td>${s.script_execution??s.state??""} ${s.error?o`<span class="error">${s.error}</span>`:h}</td>
                  <td>${s.trigger??""}</td>
                  <td><a class="btn" href="#/automations/traces/${t}/${encodeURIComponent(e)}/${s.run_id}">Show</a></td>
                </tr>`)}
            </tbody>
          </table></div>`:h}
      ${this.trace?o`<h2 style="margin-top:1rem">Run details</h2><pre>${JSON.stringify(this.trace,null,2)}</pre>`:h}
    `}}customElements.define("bastion-automations",Rs);const Ps=365;class Us extends f{static{this.properties={...f.properties,users:{state:!0},usersError:{state:!0},tokens:{state:!0},newToken:{state:!0},message:{state:!0}}}constructor(){super(),this.users=null,this.usersError="",this.tokens=null,this.newToken="",this.message=""}static{this.styles=[w,$`
      section {
        margin-bottom: 1rem;
      }
      code {
        word-break: break-all;
        display: block;
        padding: 0.5rem;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){this.load()}async load(){if(this.hub.user?.is_admin)try{this.users=await this.hub.call({type:"config/auth/list"}),this.usersError=""}catch(t){this.users=null,this.usersError=R(t)?P("User management (config/auth/list)"):g(t)}try{this.tokens=await this.hub.call({type:"auth/refresh_tokens"})}catch(t){this.tokens=null,this.message=g(t)}}async createToken(t){t.preventDefault();const e=t.target.elements.namedItem("client_name");try{this.newToken=await this.hub.call({type:"auth/long_lived_access_token",client_name:e.value,lifespan:Ps}),e.value="",await this.load()}catch(s){this.message=g(s)}}async revoke(t){if(confirm(`Revoke ${t.client_name??t.client_id??"this token"}?`))try{await this.hub.call({type:"auth/delete_refresh_token",refresh_token_id:t.id}),await this.load()}catch(e){this.message=g(e)}}render(){const t=this.hub.user;return o`
      <h1>Users and access</h1>
      <section class="card">
        <h2>You</h2>
        <p>
          ${t?.name} <span class="muted">(${t?.username??""})</span>
          <span class="badge">${t?.role??(t?.is_owner?"owner":t?.is_admin?"admin":"user")}</span>
          ${t?.mfa_modules?.some(e=>e.enabled)?o`<span class="badge on">Two-factor on</span>`:o`<span class="badge">Two-factor off</span>`}
        </p>
      </section>
      ${t?.is_admin?o`<section class="card">
            <h2>Users and roles</h2>
            ${this.usersError?o`<p class="muted">${this.usersError}</p>`:h}
            ${this.users?o`<div class="table-wrap"><table>
                  <thead><tr><th>Name</th><th>Username</th><th>Role</th><th>Active</th><th>MFA</th></tr></thead>
                  <tbody>
                    ${this.users.map(e=>o`<tr>
                        <td>${e.name}</td>
                        <td>${e.username??"—"}</td>
                        <td>${e.role??(e.is_owner?"owner":(e.group_ids??[]).join(", "))}</td>
                        <td>${e.is_active===!1?"No":"Yes"}</td>
                        <td>${e.mfa_enabled?"Yes":"No"}</td>
                      </tr>`)}
                  </tbody>
                </table></div>`:h}
          </section>`:h}
      <section class="card">
        <h2>Sessions and long-lived tokens</h2>
        ${this.message?o`<p class="error" role="alert">${this.message}</p>`:h}
        ${this.tokens?o`<div class="table-wrap"><table>
              <thead><tr><th>Client</th><th>Type</th><th>Created</th><th>Last used</th><th></th></tr></thead>
              <tbody>
                ${this.tokens.map(e=>o`<tr>
                    <td>${e.client_name??e.client_id??"—"} ${e.is_current?o`<span class="badge on">this browser</span>`:h}</td>
                    <td>${(e.token_type??e.type??"").replace(/_/g," ")}</td>
                    <td>${e.created_at?U(e.created_at):"—"}</td>
                    <td>${e.last_used_at?`${U(e.last_used_at)} ${e.last_used_ip??""}`:"—"}</td>
                    <td>${e.is_current?h:o`<button @click=${()=>this.revoke(e)}>Revoke</button>`}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:h}
        <form class="row" style="margin-top:0.8rem" @submit=${this.createToken}>
          <label>New long-lived token name<input name="client_name" required maxlength="128" /></label>
          <button type="submit" style="align-self:flex-end">Create token</button>
        </form>
        ${this.newToken?o`<p class="notice">Copy this token now — it is shown only once:</p>
              <code data-testid="new-token">${this.newToken}</code>`:h}
      </section>
    `}}customElements.define("bastion-users",Us);class Ls extends f{constructor(){super(),this.unsub=null,this.notes={},this.error=""}static{this.properties={...f.properties,notes:{state:!0},error:{state:!0}}}static{this.styles=[w,$`
      .note {
        margin-bottom: 0.6rem;
      }
      .note p {
        white-space: pre-wrap;
        margin: 0.3rem 0;
      }
    `]}hubConnected(){this.hub.conn.subscribeMessage(t=>this.apply(t),{type:"persistent_notification/subscribe"}).then(t=>this.unsub=t).catch(t=>this.error=g(t))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}apply(t){if(t.type==="current")this.notes={...t.notifications};else if(t.type==="removed"){const e={...this.notes};for(const s of Object.keys(t.notifications))delete e[s];this.notes=e}else this.notes={...this.notes,...t.notifications}}async dismiss(t){try{await this.hub.call({type:"persistent_notification/dismiss",notification_id:t})}catch(e){this.error=g(e)}}render(){const t=Object.values(this.notes).sort((e,s)=>(s.created_at??"").localeCompare(e.created_at??""));return o`
      <h1>Notifications</h1>
      ${this.error?o`<p class="error">${this.error}</p>`:h}
      ${t.length?h:o`<p class="muted">No notifications.</p>`}
      ${t.map(e=>o`<article class="card note" data-testid="notification">
          <div class="row">
            <strong>${e.title??"Notification"}</strong>
            <span class="spacer"></span>
            <span class="small muted">${e.created_at?ht(e.created_at):""}</span>
          </div>
          <p>${e.message}</p>
          <button @click=${()=>this.dismiss(e.notification_id)}>Dismiss</button>
        </article>`)}
    `}}customElements.define("bastion-notifications",Ls);class Ds extends f{constructor(){super(),this.unsub=null,this.health={},this.error=""}static{this.properties={...f.properties,health:{state:!0},error:{state:!0}}}hubConnected(){this.hub.conn.subscribeMessage(t=>{if(t.type==="initial"&&t.data)this.health=t.data;else if(t.type==="update"&&t.domain&&t.key){const e=this.health[t.domain]??{info:{}};this.health={...this.health,[t.domain]:{info:{...e.info,[t.key]:t.data}}}}},{type:"system_health/info"}).then(t=>this.unsub=t).catch(t=>this.error=g(t))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}render(){const t=this.hub.config,e=[["Name",t.location_name],["Version",t.version],["Time zone",t.time_zone],["State",t.state],["Configuration",t.config_dir],["Entities",Object.keys(this.hub.entities).length],["Areas",this.hub.areas.length],["Integrations",Array.isArray(t.components)?t.components.length:"—"]];return o`
      <h1>System</h1>
      <section class="card">
        <table>
          <tbody>
            ${e.map(([s,i])=>o`<tr><th scope="row">${s}</th><td>${String(i??"—")}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <h2 style="margin-top:1rem">Health</h2>
      ${this.error?o`<p class="error">${this.error}</p>`:h}
      ${Object.entries(this.health).map(([s,i])=>o`<section class="card" style="margin-bottom:0.6rem">
          <h3>${s}</h3>
          <table>
            <tbody>
              ${Object.entries(i.info??{}).map(([n,a])=>o`<tr><th scope="row">${n.replace(/_/g," ")}</th><td>${typeof a=="object"?JSON.stringify(a):String(a)}</td></tr>`)}
            </tbody>
          </table>
        </section>`)}
    `}}customElements.define("bastion-system",Ds);const it="bastion.theme",Rt=`
  --bg:#f3f5f8; --card:#ffffff; --fg:#15202b; --muted:#5b6875; --border:#d5dbe2;
  --btn:#eef1f5; --input:#ffffff; --accent:#1d5fa8; --accent-soft:#dbe8f7;
  --danger:#b3261e; --warn:#b26a00; --ok:#1e7d38; --focus:#f0a000; --nav:#14365c; --nav-fg:#ffffff;`,Pt=`
  --bg:#0f1419; --card:#1a2129; --fg:#e6edf3; --muted:#9aa7b4; --border:#2e3944;
  --btn:#232c36; --input:#11171d; --accent:#4c9aed; --accent-soft:#1c3550;
  --danger:#ef5350; --warn:#f0a030; --ok:#4caf50; --focus:#ffcc33; --nav:#0b1e33; --nav-fg:#e6edf3;`;function Zt(){const r=localStorage.getItem(it);return r==="light"||r==="dark"?r:"auto"}function Is(r){r==="auto"?localStorage.removeItem(it):localStorage.setItem(it,r),Qt()}function Qt(){let r=document.getElementById("bastion-theme");r||(r=document.createElement("style"),r.id="bastion-theme",document.head.append(r));const t=Zt(),e=`html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px}
    body{margin:0;background:var(--bg);color:var(--fg)}`,s=t==="auto"?`:root{${Rt}} @media (prefers-color-scheme: dark){:root{${Pt}}}`:`:root{${t==="dark"?Pt:Rt}}`;r.textContent=e+s,document.documentElement.dataset.theme=t}class Hs extends f{static{this.properties={...f.properties,theme:{state:!0}}}constructor(){super(),this.theme=Zt()}choose(t){Is(t),this.theme=t}render(){return o`
      <h1>Settings</h1>
      <section class="card">
        <fieldset style="border:0;padding:0;margin:0">
          <legend><h2>Theme (this browser)</h2></legend>
          ${[["auto","Follow the system"],["light","Light"],["dark","Dark"]].map(([e,s])=>o`<label style="flex-direction:row;align-items:center;gap:0.5rem;margin:0.4rem 0">
              <input
                type="radio"
                name="theme"
                value=${e}
                .checked=${this.theme===e}
                @change=${()=>this.choose(e)}
              />
              ${s}
            </label>`)}
        </fieldset>
      </section>
    `}}customElements.define("bastion-settings",Hs);const zs=[{path:"dashboard",label:"Dashboard",icon:"home"},{path:"alarm",label:"Alarm",icon:"shield"},{path:"security",label:"Security",icon:"alert"},{path:"history",label:"History",icon:"chart"},{path:"logbook",label:"Logbook",icon:"list"},{path:"automations",label:"Automations",icon:"gear",admin:!0},{path:"notifications",label:"Notifications",icon:"bell"},{path:"users",label:"Users",icon:"users"},{path:"system",label:"System",icon:"info",admin:!0},{path:"settings",label:"Settings",icon:"theme"}],Ut=4e3,Lt=()=>{const r=location.hash.replace(/^#\/?/,"").split("/").filter(Boolean);return r.length?r.map(decodeURIComponent):["dashboard"]};class js extends S{constructor(){super(),this.resumedTimer=0,this.onHash=()=>{this.route=Lt(),this.navOpen=!1},this.hub=null,this.mode="loading",this.route=Lt(),this.failure="",this.navOpen=!1}static{this.properties={hub:{state:!0},mode:{state:!0},route:{state:!0},failure:{state:!0},navOpen:{state:!0}}}static{this.styles=[w,$`
      :host {
        display: block;
        min-height: 100vh;
      }
      .layout {
        display: grid;
        grid-template-columns: 220px 1fr;
        min-height: 100vh;
      }
      nav {
        background: var(--nav);
        color: var(--nav-fg);
        padding: 0.8rem 0.5rem;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav .brand {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 700;
        font-size: 1.2rem;
        padding: 0.3rem 0.7rem 0.8rem;
      }
      nav a {
        color: var(--nav-fg);
        text-decoration: none;
        padding: 0.55rem 0.7rem;
        border-radius: 8px;
        display: flex;
        gap: 0.6rem;
        align-items: center;
      }
      nav a[aria-current="page"] {
        background: rgba(255, 255, 255, 0.16);
        font-weight: 600;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.1);
      }
      nav .who {
        margin-top: auto;
        padding: 0.6rem 0.7rem;
        font-size: 0.85rem;
        opacity: 0.85;
      }
      nav button {
        background: transparent;
        color: var(--nav-fg);
        border-color: rgba(255, 255, 255, 0.3);
        margin: 0 0.5rem;
      }
      main {
        padding: 1rem 1.2rem 5rem;
        min-width: 0;
      }
      .topbar {
        display: none;
      }
      svg.icon {
        flex: none;
      }
      .banner {
        position: sticky;
        top: 0;
        z-index: 10;
        padding: 0.6rem 1rem;
        font-weight: 600;
        text-align: center;
      }
      .banner.lost {
        background: var(--danger);
        color: #fff;
      }
      .banner.back {
        background: var(--ok);
        color: #fff;
      }
      @media (max-width: 800px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .topbar {
          display: flex;
          align-items: center;
          gap: 0.6rem;
          background: var(--nav);
          color: var(--nav-fg);
          padding: 0.4rem 0.6rem;
          position: sticky;
          top: 0;
          z-index: 5;
        }
        .topbar button {
          background: transparent;
          color: var(--nav-fg);
          border-color: rgba(255, 255, 255, 0.3);
        }
        nav {
          display: none;
        }
        nav.open {
          display: flex;
          position: fixed;
          inset: 48px 0 0 0;
          z-index: 20;
          overflow: auto;
        }
        main {
          padding: 0.8rem 0.7rem 4rem;
        }
      }
    `]}connectedCallback(){super.connectedCallback(),window.addEventListener("hashchange",this.onHash),this.start()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("hashchange",this.onHash)}async start(){const t=Ye();if(t){await this.connect(t);return}this.mode=await Et()?"onboarding":"login"}async connect(t){this.failure="";try{const e=new Je(t);await e.connect(),e.subscribe(()=>this.onHubChange()),this.hub=e,this.mode="app",(location.hash.startsWith("#/onboarding")||!location.hash)&&(location.hash="#/dashboard")}catch(e){this.failure=`Could not connect: ${g(e)}`,await Mt(null),this.mode=await Et()?"onboarding":"login"}}onHubChange(){const t=this.hub;t&&t.resumedAt&&Date.now()-t.resumedAt<Ut&&(clearTimeout(this.resumedTimer),this.resumedTimer=window.setTimeout(()=>{this.hub&&(this.hub.resumedAt=0),this.requestUpdate()},Ut)),this.requestUpdate()}async signOut(){const t=this.hub;t?.close(),this.hub=null,await Mt(t?.auth??null),this.mode="login"}render(){if(this.mode==="loading")return o`<p class="muted" style="padding:2rem">Loading…</p>`;if(this.mode!=="app"||!this.hub)return o`
        ${this.failure?o`<div class="banner lost" role="alert">${this.failure}</div>`:h}
        <bastion-login
          ?onboarding=${this.mode==="onboarding"}
          @logged-in=${i=>this.connect(i.detail)}
        ></bastion-login>
      `;const t=this.hub,e=t.user?.is_admin??!1,[s]=this.route;return o`
      ${t.status==="disconnected"?o`<div class="banner lost" role="alert" data-testid="connection-lost">
            Connection to the hub lost — reconnecting…
          </div>`:t.resumedAt?o`<div class="banner back" role="status" data-testid="connection-back">
              Connection restored
            </div>`:h}
      <div class="topbar">
        <button
          aria-label="Menu"
          aria-expanded=${this.navOpen}
          @click=${()=>this.navOpen=!this.navOpen}
        >
          ${I("menu")}
        </button>
        <strong>${String(t.config.location_name??"Bastion")}</strong>
      </div>
      <div class="layout">
        <nav class=${this.navOpen?"open":""} aria-label="Main">
          <div class="brand">${I("shield")} ${String(t.config.location_name??"Bastion")}</div>
          ${zs.filter(i=>e||!i.admin).map(i=>o`<a
              href="#/${i.path}"
              aria-current=${s===i.path?"page":"false"}
              >${I(i.icon)}${i.label}</a
            >`)}
          <div class="who">Signed in as ${t.user?.name??"…"}</div>
          <button @click=${this.signOut}>Sign out</button>
        </nav>
        <main id="main">${this.renderPage(s,t)}</main>
      </div>
    `}renderPage(t,e){const s=this.route.slice(1);switch(t){case"alarm":return o`<bastion-alarm .hub=${e}></bastion-alarm>`;case"security":return o`<bastion-security .hub=${e}></bastion-security>`;case"history":return o`<bastion-history .hub=${e}></bastion-history>`;case"logbook":return o`<bastion-logbook .hub=${e}></bastion-logbook>`;case"automations":return o`<bastion-automations .hub=${e} .path=${s}></bastion-automations>`;case"notifications":return o`<bastion-notifications .hub=${e}></bastion-notifications>`;case"users":return o`<bastion-users .hub=${e}></bastion-users>`;case"system":return o`<bastion-system .hub=${e}></bastion-system>`;case"settings":return o`<bastion-settings .hub=${e}></bastion-settings>`;default:return o`<bastion-dashboard .hub=${e}></bastion-dashboard>`}}}customElements.define("bastion-app",js);Qt();export{h as A,f as H,R as a,ys as b,Fs as c,o as d,Ws as e,Gs as f,g,$ as i,Bs as l,ht as r,w as s,U as t,P as u};
